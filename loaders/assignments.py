"""Assignments wherever a document's text makes them, with the role of each body.

Forms read (on accent-folded text, so OCR without diacritics reads the same):

- "giao X chủ trì, phối hợp với Y, Z …" (X leads, Y and Z cooperate), "giao X là cơ quan
  đầu mối …" (X leads), "giao X <does something>" (X is responsible);
- "X chủ trì, phối hợp (cùng) với Y …" at the start of a clause (X leads);
- "đề nghị X <does something>" (X is responsible; it leads where "chủ trì" follows);
- "X là cơ quan đầu mối …" (X leads);
- an article charging execution: "Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc Công an
  tỉnh; Thủ trưởng các sở, ban, ngành … chịu trách nhiệm thi hành Quyết định này" (each
  body whose head is named is responsible; ``officeholders``);
- an item headed by a body ("1. Sở Ngoại vụ: …" or "1. Sở Ngoại vụ" over dashes "- Chủ
  trì, phối hợp với …"): the body leads where the item says "chủ trì", else is
  responsible; every "phối hợp với" list of the item cooperates.

Shorthand lists ("các Sở: Y tế, Công an") are written out first (``shorthand``). The
extractor returns plain data, bodies as printed with their line: resolution (in the
document's province) and RDF happen elsewhere (``charges``). A deadline printed in the
same sentence ("trước ngày 25/5/2022", "trong tháng 4 năm 2004") goes with the charge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from loaders.cut_names import completed_name
from loaders.deadlines import Due, find_dues
from loaders.officeholders import bodies_list, bodies_of
from loaders.paragraphs import Paragraph, paragraphs
from loaders.shorthand import expand
from loaders.verbs import VERBS
from migkg.text import fold

_VERB = re.compile(
    rf"\s(?:{VERBS})|\s(?:chu tri|la co quan|la dau moi|can cu|co trach nhiem|thong bao|"
    r"phoi hop|xu ly|bao dam|chuan bi|lam viec|tiep nhan|de xuat|trinh|trao doi|"
    r"nam (?:bat|chac|tinh hinh)|"
    r"biet|khan truong|tiep tuc|nghiem tuc|cu|lam|dang|phoi|tap trung|khan truong|"
    r"dac biet la|chap hanh|tich cuc|can nhac|chiu trach nhiem)\b"
)
# Words a body's name starts with (folded); a phrase that starts otherwise names no body.
BODY_START = re.compile(
    r"^(?:cac |mot so |toan bo )?(?:bo|so|ban|cuc|vu|uy ban|uy|ubnd|van phong|cong an|"
    r"bo chi huy|bo doi|doan|tinh doan|hoi|lien doan|mat tran|ngan hang|kho bac|bao hiem|"
    r"thanh tra|toa an|vien|dai|bao|trung tam|chi cuc|truong|co quan|dia phuong|nganh|"
    r"hdnd|hoi dong|tong cuc|lien minh|cong doan|canh sat|hai quan|iom|ilo|to chuc|"
    r"cong ty|doanh nghiep|tinh uy|thanh uy|huyen uy|chinh phu|thu tuong|"
    r"chanh|giam doc|thu truong|chu tich|bo truong|pho (?:chu tich|giam doc|thu tuong))\b"
)
_GIAO = re.compile(
    r"(?<![a-z])(?<!ngoai )(?<!duoc )(?<!ban )(?<!da )giao\s+(?:nhiem vu\s+)?(?:trach nhiem\s+)?"
    r"(?:cho\s+)?(?!thong|luu|dich|tiep|nhan|dat|ket|duc|trach|nhiem)"
)
_DE_NGHI = re.compile(
    r"(?<![a-z])(?<!theo )(?<!xet )(?<!kien )(?:de nghi|yeu cau)\s+(?!cua\b)(?:cho\s+)?"
)
# "phối hợp với Y", "phối hợp cùng Y"; "X chủ trì cùng Y xem xét" (Y acts with the lead)
_COOP = re.compile(r"(?:phoi hop(?: chat che)?(?: cung| voi)+|chu tri cung)\s+")
_LEADS = re.compile(
    r"\s(?:chu tri|(?:la|lam) co quan (?:dau moi|thuong truc|chu tri)|(?:la|lam) dau moi)\b"
)
_EXECUTE = re.compile(
    r"\s(?:chiu trach nhiem|co trach nhiem)?\s*(?:thi hanh|to chuc thuc hien|trien khai thuc hien)"
    r" (?:quyet dinh|nghi quyet|chi thi|thong tu|van ban|ke hoach) nay"
)
_ASKS = re.compile(r"^(?:giao|de nghi|yeu cau)\s+(?:cho\s+)?")
_BASIS = re.compile(r"^(?:can cu|xet de nghi|theo de nghi|thuc hien|noi nhan)")
_CLAUSE = re.compile(r"[;:]\s+|\.\s+(?=[A-ZĐÀ-Ỹ])|^")


@dataclass(frozen=True)
class Mention:
    """Bodies as printed (one phrase, maybe a list) and the line that prints them."""

    text: str
    line: int


@dataclass
class Charge:
    """One assignment: who leads, cooperates or is responsible, and by when."""

    form: str  # giao, chu-tri, de-nghi, dau-moi, thi-hanh, item
    label: str
    start: int
    end: int
    path: str
    lead: list[Mention] = field(default_factory=list)
    cooperating: list[Mention] = field(default_factory=list)
    responsible: list[Mention] = field(default_factory=list)
    due: Due | None = None

    @property
    def lines(self) -> range:
        return range(self.start, self.end + 1)


def extract(
    lines: Iterable[tuple[int, str]], skip: set[int] | None = None, *, subjects: bool = False
) -> list[Charge]:
    """The charges made in ``lines`` ((number, text) pairs), leaving lines in ``skip``.

    With ``subjects`` (a page retelling what a plan asks), a sentence that opens with a
    collective and a duty ("Các sở, ban, ngành, UBND các huyện chỉ đạo tổ chức …") charges
    that collective too.
    """
    skip = skip or set()
    every = paragraphs(lines)
    addressed = addressees(every)
    paras = [p for p in every if not skip.intersection(range(p.start, p.end + 1))]
    out: list[Charge] = []
    used: set[int] = set()
    for i, p in enumerate(paras):
        if p.start in used or p.kind == "part" or _is_basis(p.text):
            continue
        item = _headed_item(p, paras[i + 1 :])
        if item is not None:
            out.append(item)
            used.update(item.lines)
            continue
        found = charges_in(p, addressed)
        if not found and subjects:
            found = _subject_charge(p)
        if not found and out and out[-1].due is None and _SEND_BACK.search(fold(p.text)):
            # "Ý kiến bằng văn bản xin gửi về … trước ngày …": the due of what was asked
            out[-1].due = next((d for d in find_dues(p.text) if d.when is not None), None)
        out += found
    return out


# A letter asks its addressees ("Quý Bộ", "Quý Cơ quan") to act or answer.
# (not the closing "… thông báo để Quý cơ quan biết, thực hiện").
_YOU = re.compile(
    r"\bquy (?:bo|co quan|so|ban|don vi|uy ban|dia phuong|nganh)\s+(?:de\s+)?"
    r"(?:nghien cuu|co y kien|cho biet|gop y|xem xet|tham gia|bao cao|cung cap)"
)
# A reply asked for: "xin gửi về …", "gửi về … trước ngày".
_SEND_BACK = re.compile(r"\b(?:xin gui|gui ve)\b")


def addressees(paras: list[Paragraph]) -> list[Mention]:
    """The bodies a letter is addressed to ("Kính gửi: A" or "Kính gửi:" over "- A;")."""
    out: list[Mention] = []
    for i, p in enumerate(paras):
        if not fold(p.text).startswith("kinh gui"):
            continue
        first = p.text.split(":", 1)[1].strip(" .;,") if ":" in p.text else ""
        if first:
            out.append(Mention(first.lstrip("- "), p.start))
        for q in paras[i + 1 :]:
            if q.kind != "dash":
                break
            out.append(Mention(q.text.strip(" .;,"), q.start))
        break
    return [m for m in out if m.text]


def body_phrase(text: str) -> str:
    """The body named at the start of ``text``, up to its verb, officeholders made bodies."""
    key = _masked(fold(text))
    m = _VERB.search(key)
    end = m.start() if m else len(text)
    colon = key.find(":")
    # a colon ends the phrase unless it opens a shorthand list ("các Sở: Y tế, …")
    if 0 < colon < end and not re.search(r"cac (?:bo|so|ban|nganh)[^:]*$", key[:colon]):
        end = colon
    return expand(bodies_of(text[:end].strip(" ,;:.-"))).strip(" ,;:.")


# Names of bodies that hold a verb ("Ban Chỉ đạo …"), hidden from the verb search.
_NAMED_WITH_VERB = re.compile(r"\bban chi dao\b|\bban quan ly\b|\bban to chuc\b")


def _masked(key: str) -> str:
    """``key`` with the words of such names joined, so that no verb is found in them."""
    return _NAMED_WITH_VERB.sub(lambda m: m.group(0).replace(" ", "_"), key)


def names_body(phrase: str) -> bool:
    """Whether ``phrase`` starts like the name of a body (not a verb or a thing)."""
    key = fold(phrase).strip()
    return bool(key) and len(key) <= 300 and bool(BODY_START.match(key))


def cooperating(text: str) -> list[str]:
    """Each list of bodies after "phối hợp với" / "phối hợp cùng" in ``text``."""
    key = fold(text)
    out: list[str] = []
    masked = _masked(key)
    for m in _COOP.finditer(key):
        stop = _VERB.search(masked, m.end())
        end = stop.start() if stop else len(key)
        phrase = text[m.end() : end].strip(" ,;:.")
        if names_body(phrase):
            out.append(expand(bodies_of(phrase)))
    return out


def charges_in(p: Paragraph, addressed: list[Mention] | None = None) -> list[Charge]:
    """The charges one paragraph makes, clause by clause."""
    key = fold(p.text)
    out: list[Charge] = []
    execute = _EXECUTE.search(key)
    if p.path.startswith("D") and execute:
        subject = p.text[: execute.start()].strip(" ,;")
        # a long list of officeholders: its first member says whether bodies are named
        if names_body(re.split(r"[,;]", subject, maxsplit=1)[0]):
            whole = _charge("thi-hanh", p, p.text)
            whole.responsible += [Mention(expand(b), p.start) for b in bodies_list(subject)]
            return [whole]
    starts = [m.end() for m in _CLAUSE.finditer(p.text)]
    for k, at in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(p.text)
        clause = p.text[at:stop].strip()
        charge = _clause(p, clause)
        if charge is None and addressed and _YOU.search(fold(clause)):
            charge = _charge("quy", p, clause)  # "… gửi Quý Bộ để nghiên cứu và có ý kiến"
            charge.responsible += addressed
        if charge is not None:
            out.append(charge)
        elif out and out[-1].due is None:  # "…; báo cáo UBND tỉnh (trước ngày 25/5/2022)"
            out[-1].due = next((d for d in find_dues(clause) if d.when is not None), None)
    names = [a.text for a in addressed or []]
    for charge in out:  # a name cut short inside is printed whole among the addressees
        for group in (charge.lead, charge.responsible):
            group[:] = [Mention(completed_name(m.text, p.text, names), m.line) for m in group]
    return out


def _clause(p: Paragraph, clause: str) -> Charge | None:
    key = fold(clause)
    # the verb "giao", not "giáo" (Ban Tuyên giáo, tôn giáo) folded into the same letters
    giao = next((g for g in _GIAO.finditer(key) if _is_giao(clause, g.start())), None)
    if giao:
        return _named(p, clause, clause[giao.end() :], "giao")
    de_nghi = _DE_NGHI.search(key)
    asker = key[: de_nghi.start()].rsplit(", ", 1)[-1] if de_nghi else ""
    if de_nghi and (not asker.strip() or names_body(asker)):
        return _named(p, clause, clause[de_nghi.end() :], "de-nghi")
    if _LEADS.search(key) and names_body(clause):
        return _named(p, clause, clause, "chu-tri")
    if p.kind == "dash" and key.startswith("chu tri") and names_body(p.heading):
        charge = _charge("chu-tri", p, clause)
        charge.lead.append(Mention(body_phrase(p.heading), p.heading_line))
        charge.cooperating += [Mention(c, p.start) for c in cooperating(clause)]
        return charge
    return None


# Duties a plan gives, as the verb after its collective subject.
_DUTY_VERB = re.compile(
    r"\s(?:chi dao|trien khai|xay dung|thuc hien|to chuc|tang cuong|phoi hop|chu dong|can cu|"
    r"ra soat|tham muu|theo doi|tiep tuc|day manh|quan triet|tuyen truyen)\b"
)


def _subject_charge(p: Paragraph) -> list[Charge]:
    """A sentence opening with a collective ("Các sở, …", "UBND các huyện") and a duty."""
    key = _masked(fold(p.text))
    if not re.match(r"^(?:cac |ubnd cac |uy ban nhan dan cac )", key):
        return []
    verb = _VERB.search(key)
    duty = _DUTY_VERB.match(key, verb.start()) if verb else None
    if verb is None or duty is None or re.search(r"\s(?:da|vua|dang)$", key[: verb.start()]):
        return []
    subject = p.text[: verb.start()].strip(" ,;:")
    charge = _charge("chu-ngu", p, p.text)
    charge.responsible += [Mention(part, p.start) for part in split_and(subject)]
    return [charge]


def _is_giao(text: str, at: int) -> bool:
    word = text[at : at + 4]
    return word.lower() == "giao" and not re.search(
        r"(?:tuyen|ton|ngoai|chuyen|ban)\s$", fold(text[:at])
    )


def _named(p: Paragraph, clause: str, rest: str, form: str) -> Charge | None:
    """A charge whose body is named at the start of ``rest``."""
    phrase = body_phrase(rest)
    if not names_body(phrase):
        return None
    after = fold(rest)[len(phrase) :] if fold(rest).startswith(fold(phrase)) else fold(rest)
    leads = bool(_LEADS.search(" " + after[:80])) or bool(
        re.match(r"\s*,?\s*(?:chu tri|(?:la|lam) co quan dau moi|(?:la|lam) dau moi)", after)
    )
    charge = _charge("dau-moi" if "dau moi" in after[:60] else form, p, clause)
    (charge.lead if leads else charge.responsible).extend(_mentions(rest, phrase, p.start))
    charge.cooperating += [Mention(c, p.start) for c in cooperating(clause)]
    return charge


def _mentions(rest: str, phrase: str, line: int) -> list[Mention]:
    """One mention per officeholder a phrase names ("Thủ trưởng các sở, …, Chủ tịch UBND …")."""
    raw = rest[: len(phrase) + 40]
    key = _masked(fold(raw))
    verb = _VERB.search(key)
    cut = raw[: verb.start()] if verb else raw
    bodies = bodies_list(cut.strip(" ,;:.")) if _has_title(cut) else [phrase]
    return [Mention(part, line) for b in bodies for part in split_and(expand(b))]


# "A và các B", "A và Bộ B": two bodies; an office of several ("Văn phòng Đoàn ĐBQH, HĐND
# và UBND tỉnh") and names holding "và" ("Bộ Kế hoạch và Đầu tư") stay one.
_AND_BODY = re.compile(
    r"\s+và\s+(?=(?:các|cac|những|bộ|sở|ủy ban|uỷ ban|ubnd|ban|cục|công an|doanh nghiệp|hội)\s)",
    re.IGNORECASE,
)


def split_and(phrase: str) -> list[str]:
    """``phrase`` cut where "và" joins two bodies."""
    if re.match(r"(?i)văn phòng\b", phrase):
        return [phrase]
    return [p.strip(" ,") for p in _AND_BODY.split(phrase) if p.strip(" ,")]


def _has_title(text: str) -> bool:
    return bool(
        re.search(r"\b(?:giam doc|thu truong|chu tich|chanh van phong|bo truong)\b", fold(text))
    )


def _headed_item(p: Paragraph, after: list[Paragraph]) -> Charge | None:
    """An item whose heading is a body, with the dashes under it."""
    if p.kind not in ("item", "point"):
        return None
    head = p.text.split(":", 1)[0] if ":" in p.text else p.text
    asks = _ASKS.match(fold(head))
    if asks and (p.text.rstrip().endswith(":") or ":" not in p.text):
        head = head[asks.end() :]  # "1. Giao Sở Lao động - Thương binh và Xã hội:" over dashes
    key = fold(head)
    if not names_body(head) or len(key.split()) > 16 or _VERB.search(" " + key):
        return None
    if _LEADS.search(" " + key):
        return None  # "1. Sở X chủ trì …": a clause, read as such
    body = [p] + [q for q in after if q.kind == "dash" and q.heading_line == p.start]
    text = " ".join(q.text for q in body)
    charge = _charge("item", p, text)
    charge.end = body[-1].end
    phrase = body_phrase(head)
    lead = bool(re.search(r"(?:^|[\s:;,.-])chu tri\b", fold(text)))
    (charge.lead if lead else charge.responsible).append(Mention(phrase, p.start))
    for q in body:
        charge.cooperating += [Mention(c, q.start) for c in cooperating(q.text)]
    return charge


def _is_basis(text: str) -> bool:
    """A line of the preamble ("Căn cứ …;", "Xét đề nghị của …,"), not a sentence of the body."""
    return bool(_BASIS.match(fold(text))) and not text.rstrip().endswith(".")


def _charge(form: str, p: Paragraph, text: str) -> Charge:
    dues = [d for d in find_dues(text) if d.when is not None]
    return Charge(form, text, p.start, p.end, p.path, due=dues[0] if dues else None)
