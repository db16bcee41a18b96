"""The `gloss` command: a thin Typer app; each command lives in `annotate/commands/`.

Heavy modules are imported inside the commands, so `gloss --help` and `gloss lookup` start fast.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import suppress
from types import FrameType
from typing import Annotated, NoReturn

import typer

from annotate import heap
from annotate.commands import annotate as annotate_cmd
from annotate.commands import check, dedupe, export, extract, imports, learn, lookup, schema
from glossary import __version__

app = typer.Typer(
    name="gloss",
    help=(
        "Extract, look up and gloss the conlang in fan fiction.\n\n"
        "gloss extract stories/          build glossary.yaml from the stories\n\n"
        "gloss lookup wanheddaa          find a term however it is spelled\n\n"
        "gloss annotate stories/x.txt    print a story with inline glosses"
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gloss {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Extract, look up and gloss the conlang in fan fiction."""
    # Every command loads or builds large structures it keeps to the end (a glossary, an
    # index, a lexicon): the collector is settled for the whole command, and set back after.
    ctx.with_resource(heap.settled())


app.command("extract")(extract.extract)
app.command("lookup")(lookup.lookup)
app.command("annotate")(annotate_cmd.annotate)
app.command("check")(check.check)
app.command("schema")(schema.schema)
app.command("import")(imports.import_)
app.command("export")(export.export)
app.command("dedupe")(dedupe.dedupe)
app.command("learn")(learn.learn)


def _interrupted(signum: int, frame: FrameType | None) -> None:
    """The first Ctrl-C stops the command (its cleanup is quick: workers are ended, not
    waited for); later ones, often a second press or `timeout -s INT`'s group-wide signal
    landing mid-cleanup, would only break that cleanup, so they are ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


INTERRUPTED = 130


def _leave(code: int) -> NoReturn:
    """Exit at once, past the interpreter's exit hooks: after an interrupt the worker pool's
    processes were ended, not waited for, and concurrent.futures' own exit hook, waking that
    pool, can trip on it and print a traceback. Everything was written or left as it was."""
    with suppress(OSError):
        sys.stdout.flush()
    with suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


def main() -> None:
    """Console entry point: never a traceback for the user, whatever happens."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when ignored
        signal.signal(signal.SIGINT, _interrupted)
    try:
        app()
    except SystemExit as done:
        if done.code == INTERRUPTED:  # the command said so already
            _leave(INTERRUPTED)
        raise
    except KeyboardInterrupt:
        sys.stderr.write("gloss: interrupted\n")
        _leave(INTERRUPTED)
    except BrokenPipeError:
        # `gloss annotate ... | head`: the reader went away; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as err:  # a bug of ours, not the user's data: say so in one line
        if os.environ.get("GLOSS_DEBUG"):
            raise
        sys.stderr.write(
            f"gloss: internal error: {type(err).__name__}: {err} "
            "(set GLOSS_DEBUG=1 for a traceback, and please report it)\n"
        )
        sys.exit(70)
