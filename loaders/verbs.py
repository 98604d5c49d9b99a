"""The verbs that end a list of bodies in an assignment ("phối hợp với A, B tham mưu …")."""

# Folded verbs that end an agency list ("phối hợp với A, B tham mưu …").
VERBS = (
    # "tổ chức" is a verb here unless it names organisations ("các tổ chức chính trị …")
    "tham muu|to chuc(?! (?:chinh tri|xa hoi|co lien quan|lien quan|quoc te|khac))|"
    "trong viec|tang cuong|tuyen truyen|thuong xuyen|hoan thien|xay dung|"
    "nghien cuu|trien khai|thuc hien|theo doi|kiem tra|dau tranh|ngan chan|quan ly|dam bao|"
    "bao cao|cung cap|gui|chi dao|long ghep|bo tri|day manh|chu dong|huong dan|giam sat|"
    "ra soat|ban hanh|danh gia|tong hop|sua doi|giai quyet|ho tro|van dong|tham gia|"
    "de\\b|tai\\b|trong pham vi|ve\\b|theo\\b|xem xet|can cu"
)
