"""Command line: ``scorer score|batch|train|evaluate``. The only module that prints.

Exit codes: 0 ok, 1 some inputs failed (batch), 2 usage or input error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import InputError, ScorerError
from .ingest import DEFAULT_MAX_BYTES, display_path, parse, read_bounded, read_path
from .serve_config import MAX_BATCH_ITEMS, MAX_CONCURRENT, REQUEST_TIMEOUT_S, TOKEN_ENV, ServeConfig

FORMATS = ("text", "json", "html", "markdown")
SERVE_INSTALL_HINT = "scorer serve needs the 'serve' extra: pip install 'sourcing-scorer[serve]' (or '.[serve]' in a checkout)"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="scorer", description="Score how transparent a news article's sourcing is (0-100).")
    p.add_argument("--version", action="version", version=f"scorer {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    s = sub.add_parser("score", help="score one article (a file, or - for stdin)")
    s.add_argument("path", help="article file (.txt, .md, .html, .json) or - for stdin")
    s.add_argument("--format", "-f", choices=FORMATS, default="text", help="output format (default: text)")
    s.add_argument("-o", "--output", help="write the report to this file instead of stdout")
    _model_args(s)

    b = sub.add_parser("batch", help="score every article under a directory")
    b.add_argument("directory", help="directory of articles (or one .jsonl file)")
    b.add_argument("--out", "-o", help="output file: .jsonl (full records) or .csv (one row each); stdout JSON Lines when omitted")
    b.add_argument("--glob", default="**/*", help="which files to read (default: **/*)")
    b.add_argument("--jobs", "-j", type=_jobs, default=-1,
                   help="worker processes: a positive number (capped at 4 per core, with a note), or -1 for all cores (default)")
    b.add_argument("--resume", action="store_true",
                   help="keep the records already in the output file and score only the inputs it lacks "
                        "(a torn last record is dropped and scored again)")
    b.add_argument("--report", help="also write a corpus dashboard here (HTML, with a CSV of the same numbers beside it)")
    b.add_argument("--backend", choices=("local", "dask"), default=None,
                   help="run locally (default) or on Dask (an in-process cluster unless --scheduler is given)")
    b.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786; implies --backend dask")
    b.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show a progress bar")
    b.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")
    _model_args(b)

    t = sub.add_parser("train", help="train the model from training_data/")
    t.add_argument("--data", help="training data directory (default: the repository's training_data/)")
    t.add_argument("--out", help="model output directory (default: the repository's models/)")

    e = sub.add_parser("evaluate", help="measure accuracy on the held-out corpus and/or PolNeAR data")
    e.add_argument("--data", help="training data directory (default: the repository's training_data/)")
    e.add_argument("--polnear", help="a PolNeAR-format JSON Lines file to evaluate attribution extraction on")
    e.add_argument("--limit", type=int, help="evaluate only the first N PolNeAR articles")
    e.add_argument("--source-types", help="TSV of source-type labels (article_id, start, end, label) for PolNeAR sources; "
                   "default: training_data/polnear_source_types.tsv when present")
    e.add_argument("--real", action="store_true", help="validity on rated real news: the score against the raters, per domain")
    e.add_argument("--sentences", action="store_true",
                   help="residue, unattributed assertions and hedges against the real sentence labels (measure half)")
    e.add_argument("--shared", help="with --real: the folder holding data/polnear and data/wikinews (default: $SCORER_SHARED or ../shared)")
    e.add_argument("--json", action="store_true", help="print the figures as JSON")
    _model_args(e)

    v = sub.add_parser("serve", help="HTTP API and an editor's page (needs the 'serve' extra)")
    v.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; 0.0.0.0 only behind a reverse proxy)")
    v.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    v.add_argument("--workers", type=int, default=1, help="worker processes, each loading the model once (default 1)")
    v.add_argument("--token", help=f"require this bearer token on scoring requests (default: ${TOKEN_ENV} when set)")
    v.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="allow cross-origin calls from this origin (repeatable; CORS is off by default)")
    v.add_argument("--max-batch", type=int, default=MAX_BATCH_ITEMS, help=f"articles per /v1/batch request (default {MAX_BATCH_ITEMS})")
    v.add_argument("--max-concurrent", type=int, default=MAX_CONCURRENT,
                   help=f"scorings in flight per worker before 503 (default {MAX_CONCURRENT})")
    v.add_argument("--timeout", type=float, default=REQUEST_TIMEOUT_S, help=f"seconds per request before 504 (default {REQUEST_TIMEOUT_S:g})")
    v.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    v.add_argument("--no-access-log", dest="access_log", action="store_false", help="do not log each request")
    _model_args(v)
    return p


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {n}")
    return n


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
    if n < 1 and n != -1:
        raise argparse.ArgumentTypeError(f"must be a positive number of workers, or -1 for all cores, not {n}")
    return n


def _model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="model directory: a bundle written by 'scorer train --out DIR' (default: the shipped model)")
    p.add_argument("--max-bytes", type=_positive_int, default=DEFAULT_MAX_BYTES,
                   help=f"refuse inputs (and JSON Lines records) larger than this (default {DEFAULT_MAX_BYTES})")


def _write(text: str, output: str | None) -> None:
    """Write a report to ``output`` atomically (a temporary file renamed over it), or stdout."""
    if not output:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    out = Path(output)
    shown = display_path(out)
    if out.is_dir():
        raise InputError(f"-o {shown} is a directory; give a file name")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"-o {shown}: no such directory: {display_path(parent)}")
    tmp = out.with_name(out.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise InputError(f"cannot write {shown}: {exc.strerror or exc}") from None


def cmd_score(args: argparse.Namespace) -> int:
    from .pipeline import Scorer

    if args.path == "-":
        data = read_bounded(sys.stdin.buffer.fileno(), args.max_bytes + 1)
        if len(data) > args.max_bytes:
            raise InputError(f"standard input is over the limit of {args.max_bytes:,} bytes (raise it with --max-bytes)")
        art = parse(data, "", args.max_bytes)
    else:
        art = read_path(args.path, args.max_bytes)
    rep = Scorer(args.model).score_article(art, path=None if args.path == "-" else args.path)
    render = {"json": rep.to_json, "text": rep.to_text, "markdown": rep.to_markdown, "html": rep.to_html}[args.format]
    _write(render(), args.output)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import run_batch

    if not Path(args.directory).exists():
        raise ScorerError(f"no such directory: {display_path(args.directory)}")
    if args.scheduler and args.backend == "local":
        raise ScorerError("--scheduler needs the Dask backend; drop --backend local")
    dask = args.backend == "dask" or bool(args.scheduler)
    summary = run_batch(
        args.directory, args.out, pattern=args.glob, jobs=args.jobs, resume=args.resume, max_bytes=args.max_bytes,
        model_path=args.model, progress=args.progress,
        backend="dask" if dask else "loky", scheduler=args.scheduler, report=args.report,
    )
    for note in summary.notes:
        sys.stderr.write(note + "\n")
    sys.stderr.write(summary.line() + "\n")
    return 1 if summary.failed else 0


def cmd_train(args: argparse.Namespace) -> int:
    from .train import train

    meta = train(args.data, args.out)
    print(json.dumps({"files": meta["files"], "training_data": meta["training_data"], "metrics": meta.get("metrics")}, indent=2))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    from .evaluate import evaluate_corpus, evaluate_polnear, load_type_labels

    figures: dict = {}
    if args.real:
        from .evaluate import evaluate_real

        figures["real"] = evaluate_real(args.shared, args.data, model_path=args.model)
    elif args.sentences:
        from .evaluate import evaluate_sentences

        figures["sentences"] = evaluate_sentences(args.shared, args.data, model_path=args.model)
    elif args.polnear:
        if not Path(args.polnear).is_file():
            raise ScorerError(f"no such file: {args.polnear}")
        labels_path = args.source_types or str(Path(__file__).resolve().parent.parent / "training_data" / "polnear_source_types.tsv")
        labels = load_type_labels(labels_path) if Path(labels_path).is_file() else None
        res = evaluate_polnear(args.polnear, limit=args.limit, type_labels=labels)
        figures["polnear"] = res.summary()
        figures["polnear_confusion"] = res.confusion()
    else:
        figures["corpus"] = evaluate_corpus(args.data, model_path=args.model)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    if "real" in figures:
        _print_real(figures["real"])
    if "sentences" in figures:
        r = figures["sentences"]
        rows = [[dom, kind, f["precision"], f["recall"], f["f1"], f["gold"]] for dom, kinds in r["domains"].items()
                for kind, f in kinds.items()]
        print(f"Real sentence labels, {r['set']} half ({r['articles']} articles; units both annotators labelled alike)")
        print(tabulate(rows, headers=["domain", "figure", "precision", "recall", "F1", "gold"], floatfmt=".3f"))
    if "polnear" in figures:
        s = figures["polnear"]
        rows = [
            ["cue precision", s["cue"]["precision"]], ["cue recall", s["cue"]["recall"]], ["cue F1", s["cue"]["f1"]],
            ["cue recall, body only", s["cue_body"]["recall"]], ["cue F1, body only", s["cue_body"]["f1"]],
            ["source-found rate (matched cues)", s["source_found_rate"]], ["exact source match", s["source_exact_rate"]],
            ["sentence precision", s["sentence"]["precision"]], ["sentence recall", s["sentence"]["recall"]],
            ["sentence F1", s["sentence"]["f1"]],
            ["sentence F1 from spans only", s["sentence_from_spans"]["f1"]],
        ]
        print(f"PolNeAR evaluation on {s['articles']} articles ({s['cue']['gold']} gold cues, {s['cue']['predicted']} predicted; "
              f"{s['cue_gold_in_residue']} gold cues lie in headlines or other residue the scorer sets aside)")
        print(tabulate(rows, headers=["figure", "value"], floatfmt=".4f"))
        if "source_types" in s:
            t = s["source_types"]
            print()
            print(f"Source types on {t['labelled_matched']} labelled sources with matched cues "
                  f"({t['labelled_unmatched_cue']} labelled sources had no matched cue)")
            print(tabulate([["5-way type accuracy", t["accuracy_5way"]], ["unnamed precision", t["unnamed"]["precision"]],
                            ["unnamed recall", t["unnamed"]["recall"]], ["unnamed F1", t["unnamed"]["f1"]]],
                           headers=["figure", "value"], floatfmt=".4f"))
        print()
        print("Errors by cue word (most first)")
        print(tabulate(figures["polnear_confusion"], headers=["cue", "gold", "missed", "false positives"]))
    if "corpus" in figures:
        c = figures["corpus"]
        print(f"Held-out corpus evaluation on {c['articles']} articles")
        print(tabulate([[k, v] for k, v in c["article"].items()], headers=["article-level", "value"], floatfmt=".4f"))
        print()
        rows = [[k, v["precision"], v["recall"], v["f1"], v["gold"], v["predicted"]] for k, v in c["extraction"].items()]
        print(tabulate(rows, headers=["extraction", "precision", "recall", "F1", "gold", "predicted"], floatfmt=".4f"))
        print(f"source type accuracy on matched attributions: {c['source_type_accuracy']:.4f}")
    return 0


def _print_real(r: dict) -> None:
    from tabulate import tabulate

    from .evaluate import COUNT_PAIRS

    rows = []
    for dom, f in r["domains"].items():
        role = "measured (never fitted)" if dom == r["measurement_domain"] else "fitted (in-sample)"
        rows.append([dom, role, f["n"], f["raters"].get("spearman"), f["spearman"], f["mae"], f["qwk"], f["spread_ratio"],
                     f["naive_spearman"]])
    print("Validity on rated real news: the score against the raters' mean")
    print(tabulate(rows, headers=["domain", "role", "n", "raters rho", "score rho", "MAE", "QWK", "spread", "naive rho"],
                   floatfmt=".3f"))
    print()
    print("The report's counts against the raters' mean counts (Spearman)")
    print(tabulate([[dom, *(f.get("counts_spearman", {}).get(k) for k, _ in COUNT_PAIRS)] for dom, f in r["domains"].items()],
                   headers=["domain", "named", "unnamed", "second-hand", "hedges", "flagged share", "claim share"],
                   floatfmt=".3f"))
    cv = r.get("cross_validated") or {}
    if cv:
        print()
        print("Cross-validated (grouped by publisher; from the model sidecar)")
        print(tabulate([[d, f["n"], f["spearman"], f["mae"], f["spread_ratio"]] for d, f in cv.items()],
                       headers=["domain", "n", "score rho", "MAE", "spread"], floatfmt=".3f"))
    shift = r.get("domain_shift_to_wikinews")
    if shift:
        print(f"\nDomain shift, fitted without Wikinews and scored on it: Spearman {shift['spearman']:.3f}, "
              f"MAE {shift['mae']:.2f}, spread {shift['spread_ratio']:.2f}")


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
        import multipart  # noqa: F401  (python-multipart: the page's form)
    except ImportError:
        raise ScorerError(SERVE_INSTALL_HINT) from None
    from .serve import run

    if args.model:  # checked here too, so that workers do not start only to fail one by one
        from .model import load_bundle

        load_bundle(args.model)
    if not 0 < args.port < 65536:
        raise ScorerError(f"--port must be 1-65535, not {args.port}")
    token = args.token if args.token is not None else os.environ.get(TOKEN_ENV) or None
    try:
        config = ServeConfig(model_path=args.model, max_bytes=args.max_bytes, max_batch=args.max_batch,
                             max_concurrent=args.max_concurrent, timeout=args.timeout, token=token,
                             cors_origins=tuple(args.cors_origin))
    except ValueError as exc:
        raise ScorerError(str(exc)) from None
    if args.workers < 1:
        raise ScorerError("--workers must be at least 1")
    if args.host not in ("127.0.0.1", "localhost", "::1") and token is None:
        sys.stderr.write(f"scorer: warning: listening on {args.host} with no token; put it behind a proxy or pass --token\n")
    run(config, args.host, args.port, workers=args.workers, log_level=args.log_level, access_log=args.access_log)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    handlers = {"score": cmd_score, "batch": cmd_batch, "train": cmd_train, "evaluate": cmd_evaluate, "serve": cmd_serve}
    try:
        return handlers[args.command](args)
    except ScorerError as exc:
        sys.stderr.write(f"scorer: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("scorer: interrupted\n")
        return 130
    except BrokenPipeError:
        # Quietly, also at exit: stdout's buffer cannot be flushed into a closed pipe.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        return 0
    except OSError as exc:  # anything the file system refuses that no handler above named
        name = f" {display_path(exc.filename)}" if exc.filename else ""
        sys.stderr.write(f"scorer: error: cannot use{name}: {exc.strerror or exc}\n")
        return 2
