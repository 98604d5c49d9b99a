"""The `migkg` command: thin commands that parse options and call one library function."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from migkg.cli_options import setting_options
from migkg.errors import ConfigError, MigkgError
from migkg.settings import load_settings


def _settings(ctx: click.Context, **overrides: Any) -> dict[str, Any]:
    return load_settings(overrides, config_file=ctx.obj.get("config"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", type=click.Path(dir_okay=False), help="Config file (TOML).")
@click.version_option(package_name="migkg")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """migkg: a knowledge graph of Viet Nam's migration-governance obligations."""
    ctx.ensure_object(dict)
    ctx.obj["config"] = config


@cli.command()
@setting_options("build")
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Skip files that cannot be read (listed in the report) instead of stopping.",
)
@click.pass_context
def build(ctx: click.Context, skip_bad: bool, **opts: Any) -> None:
    """Build the graph from a corpus into the embedded store.

    The new store replaces the old one only when it is complete: a build that
    fails leaves the previous store as it was.
    """
    import corpus as shipped
    from graph.build import build as run_build
    from loaders import pipeline

    settings = _settings(ctx, **opts)
    files = pipeline.corpus_files(Path(settings["corpus"] or shipped.CORPUS_DIR))
    if not sys.stderr.isatty():
        # Off a terminal (logs, pipes) a bar would only repeat its label: one line per
        # document as it is read, on stdout (stderr stays for problems: a failed build
        # still ends with one error line there, and no closing summary).
        read = 0

        def tell(path: Path) -> None:
            nonlocal read
            read += 1
            click.echo(f"Read {path.name} ({read}/{len(files)})")

        result, report_path = run_build(settings, on_file=tell, skip_bad=skip_bad)
    else:
        with click.progressbar(
            length=len(files), label="Reading corpus", file=sys.stderr, show_pos=True
        ) as bar:
            done: list[Path] = []

            def step(path: Path) -> None:
                if done:
                    bar.update(1)
                done.append(path)
                bar.label = f"Reading {path.name}"

            result, report_path = run_build(settings, on_file=step, skip_bad=skip_bad)
            bar.label = "Built"
            bar.update(len(files) - bar.pos)
    click.echo(f"Built {settings['store_path']}: {result.summary()}.")
    for line in result.document_lines():
        click.echo(line)
    for line in result.problem_lines():
        click.echo(line, err=True)
    click.echo(f"Report: {report_path}")


@cli.command()
@setting_options("serve")
@click.pass_context
def serve(ctx: click.Context, **opts: Any) -> None:
    """Serve the site and the SPARQL endpoint (/sparql).

    Read-only and closed to remote fetches by default; updates need allow_updates and
    update_token (environment MIGKG_ALLOW_UPDATES, MIGKG_UPDATE_TOKEN, or the config file).
    """
    settings = _settings(ctx, **opts)
    from graph.store import open_store
    from webapp import serve as run_serve

    if settings["store"] == "memory":
        # Served queries run in worker processes that can be stopped; they already hold
        # the graph in memory (query_memory). One copy in this process could not be.
        raise ConfigError(
            "setting 'store': serve the embedded store (its query workers hold it in memory) "
            "or a remote one, not 'memory'"
        )
    # A missing or damaged store is one clear line, now, not at the first request.
    with open_store(settings, read_only=True) as store:
        len(store)
    run_serve(settings)


@cli.command()
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the canned queries.")
@click.option("--param", "params", multiple=True, metavar="K=V", help="Query parameter.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@setting_options("query")
@click.pass_context
def query(
    ctx: click.Context,
    name: str | None,
    list_: bool,
    params: tuple[str, ...],
    fmt: str,
    **opts: Any,
) -> None:
    """Run a canned query by NAME, or list them with --list."""
    from queries import cli_query

    settings = _settings(ctx, **opts)
    click.echo(cli_query(settings, name, list_=list_, params=params, fmt=fmt), nl=False)


@cli.command()
@click.argument("what", required=False, default="graph")
@click.option(
    "--format",
    "fmt",
    help="Output format. Graph: turtle (default), nt, jsonld, xml, trig, nquads. "
    "Network: graphml (default), gexf, json, csv (a zip of nodes.csv and edges.csv).",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout)."
)
@click.option("--plan", help="Network: only this plan's tasks (IRI, slug or number).")
@click.option("--instrument", help="Network: only tasks of plans carrying out this instrument.")
@click.option("--year", help="Network: only tasks active this year.")
@click.option("--no-collective", is_flag=True, help="Network: leave collective actors out.")
@click.option(
    "--agency", help="Calendar: only what this body leads, joins or reports (key or IRI)."
)
@click.option("--province", help="Calendar: only what the bodies of this province do.")
@setting_options("export")
@click.pass_context
def export(
    ctx: click.Context,
    what: str,
    fmt: str | None,
    output: str | None,
    plan: str | None,
    instrument: str | None,
    year: str | None,
    no_collective: bool,
    agency: str | None,
    province: str | None,
    **opts: Any,
) -> None:
    """Export the graph, a network or the obligations calendar: WHAT is graph, coordination,
    dependency, bipartite or calendar (iCalendar, every date due; --agency, --province,
    --plan select)."""
    from viz.exports import cli_export
    from viz.filters import NetworkFilter

    settings = _settings(ctx, **opts)
    if what == "calendar":
        from viz.obligations import cli_calendar

        _write(cli_calendar(settings, agency=agency, province=province, plan=plan), output)
        return
    filt = NetworkFilter.from_params(
        {
            "plan": plan,
            "instrument": instrument,
            "year": year,
            "collective": "0" if no_collective else "1",
        }
    )
    _write(cli_export(settings, what, fmt, filt=filt), output)


def _write(data: bytes, output: str | None) -> None:
    """Write to the file named, or to standard output."""
    if output:
        Path(output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@cli.command()
@setting_options("validate")
@click.option("--ontology-only", is_flag=True, help="Check only the ontology, not the built graph.")
@click.pass_context
def validate(ctx: click.Context, ontology_only: bool, **opts: Any) -> None:
    """Check the ontology (HermiT) and the built graph (SHACL shapes)."""
    from graph.validate import validate_all

    settings = _settings(ctx, **opts)
    ok = validate_all(settings, ontology_only=ontology_only, echo=click.echo)
    if not ok:
        raise SystemExit(1)


@cli.command()
@setting_options("push")
@click.pass_context
def push(ctx: click.Context, **opts: Any) -> None:
    """Load the built graph into a remote SPARQL store, one named graph per document
    plus the ontology and reference graphs, replacing those graphs there.

    \b
    Endpoints by server:
      Oxigraph  --endpoint http://HOST:7878/query --update-endpoint http://HOST:7878/update
                --gsp-endpoint http://HOST:7878/store
      Fuseki    --endpoint http://HOST:3030/DS/sparql --update-endpoint http://HOST:3030/DS/update
                --gsp-endpoint http://HOST:3030/DS/data
      GraphDB   --endpoint http://HOST:7200/repositories/R
                --update-endpoint http://HOST:7200/repositories/R/statements
                --gsp-endpoint http://HOST:7200/repositories/R/rdf-graphs/service
      Virtuoso  --endpoint http://HOST:8890/sparql --gsp-endpoint http://HOST:8890/sparql-graph-crud
                --union-graph
    """
    from graph.push import push as run_push

    settings = _settings(ctx, **opts)
    if not settings["endpoint"]:
        raise ConfigError("push needs the remote store's query endpoint: --endpoint URL")

    def sent(name: str, size: int) -> None:
        click.echo(f"  {name} ({size:,} bytes)", err=True)

    n = run_push(settings, on_graph=sent)
    click.echo(f"Pushed {n} named graphs to {settings['endpoint']}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: expected errors print one line and exit 1, never a traceback."""
    try:
        cli.main(args=argv, prog_name="migkg", standalone_mode=False)
    except click.exceptions.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except click.Abort:
        click.echo("migkg: aborted", err=True)
        raise SystemExit(1) from None
    except click.ClickException as exc:
        click.echo(f"migkg: error: {exc.format_message()}", err=True)
        raise SystemExit(1) from None
    except MigkgError as exc:
        click.echo(f"migkg: error: {exc.message}", err=True)
        raise SystemExit(1) from None
    except OSError as exc:
        # A file or folder the system refused (permissions, a full disk): name it.
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"migkg: error: {where}{exc.strerror or exc}", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
