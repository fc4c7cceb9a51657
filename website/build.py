"""Build the course website: every lesson executed and rendered, the instructor guide, the codebook and tables.

    python website/build.py [--out DIR] [--repo-url URL] [--branch main] [--hub-url URL]

What it does, in order:
1. stages the site's sources in ``OUT/source``: the lessons (copied from ``notebooks/``, each with a box of
   "open in JupyterLab" links after its title), the instructor guide (``docs/``), the codebook
   (``data/README.md``), a page per table generated from ``data/datapackage.json`` with its CSV to download,
   and this folder's ``conf.py``, ``index.md`` and ``_static/`` (plus plotly.js, copied from the installed
   plotly package, so no page loads anything from another host);
2. runs Sphinx with MyST-NB, which executes every lesson in a fresh kernel with ``ALLIANCEKIT_STATIC_SITE=1``:
   explorers then display their figure in its default state as plain plotly HTML, with a note and a text
   alternative, since a static page has no kernel to run widgets;
3. writes the HTML to ``OUT/html`` and prints the build time and the number of pages.

A lesson that raises an error fails the build. Nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_OUT = HERE / "_build"
BINDER = "https://mybinder.org"
RUN_LIVE_ANCHOR = "run-this-lesson-live"  # the explorers' static note links here (alliancekit.explorers.base)


def default_repo_url() -> str:
    """The clone's ``origin`` when it is a public https address; empty otherwise (the links then say how to set it)."""
    try:
        url = subprocess.run(["git", "remote", "get-url", "origin"], cwd=REPO, capture_output=True, text=True,
                             timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return url if url.startswith("https://") else ""


def launch_links(notebook: str, repo_url: str, branch: str, hub_url: str) -> str:
    """The "run this lesson live" box: a Binder link and a JupyterHub (nbgitpuller) link, as HTML."""
    path = f"notebooks/{notebook}"
    items = []
    if repo_url:
        binder = f"{BINDER}/v2/git/{urllib.parse.quote(repo_url, safe='')}/{branch}?urlpath=" + \
            urllib.parse.quote(f"lab/tree/{path}", safe="")
        items.append(f'<li><a href="{binder}">Open in JupyterLab on Binder</a> (free, public, takes a minute '
                     "to start; nothing is saved when you leave)</li>")
        if hub_url:
            folder = repo_url.rstrip("/").removesuffix(".git").rsplit("/", 1)[-1]
            query = urllib.parse.urlencode({"repo": repo_url, "branch": branch,
                                            "urlpath": f"lab/tree/{folder}/{path}"})
            pull = f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"
            items.append(f'<li><a href="{pull}">Open in JupyterLab on the course JupyterHub</a> (nbgitpuller: '
                         "copies the course into your home folder the first time, keeps your changes)</li>")
        else:
            items.append("<li>On a JupyterHub: your instructor gives an nbgitpuller link for this lesson "
                         "(the instructor guide says how to make one).</li>")
    else:
        items.append("<li>This copy of the site was built without the repository's address, so it has no Binder "
                     "or JupyterHub link: rebuild it with <code>make site REPO_URL=...</code>.</li>")
    items.append(f"<li>On your own computer: clone the repository, run <code>make lab</code> and open "
                 f"<code>{path}</code>.</li>")
    return (f'<div id="{RUN_LIVE_ANCHOR}" class="alliancekit-launch" role="note" aria-label="Run this lesson live">'
            "<p><strong>Run this lesson live.</strong> This page shows the lesson as executed when the site was "
            "built: the figures respond to the mouse, but the controls, checks and hints need a running "
            "lesson.</p><ul>" + "".join(items) + "</ul></div>")


def stage_lessons(source: Path, repo_url: str, branch: str, hub_url: str) -> list[str]:
    """Copy every lesson into ``source/lessons`` with the launch box after its title cell; returns their names."""
    (source / "lessons").mkdir(parents=True)
    names = []
    for notebook in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        box = {"cell_type": "markdown", "metadata": {}, "source": launch_links(notebook.name, repo_url, branch, hub_url)}
        nb["cells"].insert(1, box)
        (source / "lessons" / notebook.name).write_text(json.dumps(nb, indent=1), encoding="utf-8")
        names.append(notebook.stem)
    return names


def _cell(text) -> str:
    """A value made safe for a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _constraints(field: dict) -> str:
    shown = []
    for key, value in (field.get("constraints") or {}).items():
        if key == "enum":
            shown.append("one of " + ", ".join(f"`{v}`" for v in value))
        elif key == "required" and value:
            shown.append("required")
        elif key == "unique" and value:
            shown.append("unique")
        elif key != "required":
            shown.append(f"{key} `{value}`")
    return "; ".join(shown)


def table_page(resource: dict, rows: int | None) -> str:
    """A Markdown page for one table of the data package: what it is, its fields, its keys, its CSV."""
    name = resource["name"]
    lines = [f"# `{name}`: {resource.get('title', name)}", ""]
    if resource.get("description"):
        lines += [resource["description"], ""]
    facts = [("file", f"{{download}}`{Path(resource['path']).name} <files/{Path(resource['path']).name}>` (CSV)")]
    if rows is not None:
        facts.append(("rows", f"{rows:,}"))
    for key in ("status", "status_note", "coverage", "units", "retrieved"):
        if resource.get(key):
            facts.append((key.replace("_", " "), _cell(resource[key])))
    for licence in resource.get("licenses", []):
        facts.append(("licence", _cell(licence.get("title") or licence.get("name", ""))))
    lines += ["| property | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in facts] + [""]
    schema = resource.get("schema", {})
    lines += ["## Fields", "", "| field | type | description | allowed values and checks |", "|---|---|---|---|"]
    for field in schema.get("fields", []):
        description = field.get("description", "")
        if field.get("unit"):
            description += f" (unit: {field['unit']})"
        lines.append(f"| `{field['name']}` | {field.get('type', 'any')} | {_cell(description)} | "
                     f"{_cell(_constraints(field))} |")
    lines.append("")
    if schema.get("primaryKey"):
        key = schema["primaryKey"]
        key = [key] if isinstance(key, str) else key
        lines += ["## Keys", "", "Primary key: " + ", ".join(f"`{k}`" for k in key) + ".", ""]
    for foreign in schema.get("foreignKeys", []):
        fields = foreign["fields"] if isinstance(foreign["fields"], list) else [foreign["fields"]]
        target = foreign["reference"]
        other = target.get("resource") or name
        target_fields = target["fields"] if isinstance(target["fields"], list) else [target["fields"]]
        link = f"[`{other}`]({other}.md)" if other != name else "this table"
        lines.append(f"- {', '.join(f'`{f}`' for f in fields)} refers to "
                     f"{', '.join(f'`{f}`' for f in target_fields)} in {link}.")
    lines += ["", "Generated from `data/datapackage.json`; the codebook explains coverage, conflicts between "
              "sources and what could not be verified.", ""]
    return "\n".join(lines)


def stage_data(source: Path) -> list[str]:
    """The codebook and one page per table of ``data/datapackage.json``; returns the tables' names."""
    package = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    tables = source / "data" / "tables"
    (tables / "files").mkdir(parents=True)
    codebook = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    (source / "data" / "codebook.md").write_text(codebook, encoding="utf-8")
    names = []
    for resource in package.get("resources", []):
        csv_path = REPO / "data" / resource["path"]
        rows = None
        if csv_path.exists():
            shutil.copy2(csv_path, tables / "files" / csv_path.name)
            with csv_path.open(encoding="utf-8", newline="") as handle:
                rows = max(sum(1 for _ in csv.reader(handle)) - 1, 0)
        (tables / f"{resource['name']}.md").write_text(table_page(resource, rows), encoding="utf-8")
        names.append(resource["name"])
    listing = [f"| [`{r['name']}`](tables/{r['name']}.md) | {_cell(r.get('title', ''))} | {_cell(r.get('status', ''))} |"
               for r in package.get("resources", [])]
    index = [f"# Data", "", _cell(package.get("description", "")), "",
             "The [codebook](codebook.md) explains what each table measures, its units, coverage and conflicts "
             "between sources. Each table has a page generated from `data/datapackage.json` (its fields, types, "
             "allowed values and keys) with its CSV to download.", "",
             "| table | what it holds | status |", "|---|---|---|", *listing, "",
             "```{toctree}", ":hidden:", "", "codebook", *[f"tables/{n}" for n in names], "```", ""]
    (source / "data" / "index.md").write_text("\n".join(index), encoding="utf-8")
    return names


def stage(source: Path, repo_url: str, branch: str, hub_url: str) -> None:
    """Everything Sphinx reads, in one folder (the repository itself is never written to)."""
    shutil.copy2(HERE / "conf.py", source / "conf.py")
    shutil.copytree(HERE / "_static", source / "_static")
    import plotly

    shutil.copy2(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", source / "_static" / "plotly.min.js")
    shutil.copytree(REPO / "docs", source / "docs")
    lessons = stage_lessons(source, repo_url, branch, hub_url)
    stage_data(source)
    index = (HERE / "index.md").read_text(encoding="utf-8")
    toc = "\n".join(f"lessons/{name}" for name in lessons)
    (source / "index.md").write_text(index.replace("{{LESSONS}}", toc), encoding="utf-8")


def build(out: Path, repo_url: str, branch: str, hub_url: str, jobs: str = "1") -> Path:
    """Stage and build the site into ``out/html``; returns that folder. Raises on a failed build."""
    source = out / "source"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    stage(source, repo_url, branch, hub_url)
    html = out / "html"
    state = Path(tempfile.mkdtemp(prefix="alliancekit-site-state-"))
    env = dict(os.environ, ALLIANCEKIT_STATIC_SITE="1", ALLIANCEKIT_STATE=str(state / "alliancekit"),
               PYDEVD_DISABLE_FILE_VALIDATION="1")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-q", "-j", jobs,
               "-d", str(out / "doctrees"), str(source), str(html)]
    try:
        subprocess.run(command, env=env, check=True)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    return html


def pages(html: Path) -> list[Path]:
    """The site's content pages (Sphinx's own search and index pages left out)."""
    skip = {"search.html", "genindex.html"}
    return sorted(p for p in html.rglob("*.html") if p.name not in skip and "_static" not in p.parts
                  and "_sources" not in p.parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to build (default: website/_build)")
    parser.add_argument("--repo-url", default=None, help="the public git repository, for the launch links "
                        "(default: origin, when it is an https address)")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--hub-url", default="", help="a JupyterHub for nbgitpuller links, e.g. https://hub.example.edu")
    parser.add_argument("--jobs", default="1", help="Sphinx's parallel jobs (lessons execute in parallel)")
    args = parser.parse_args(argv)
    repo_url = default_repo_url() if args.repo_url is None else args.repo_url
    started = time.monotonic()
    html = build(args.out.resolve(), repo_url, args.branch, args.hub_url, args.jobs)
    print(f"course website: {len(pages(html))} pages in {time.monotonic() - started:.0f} s -> {html}/index.html")


if __name__ == "__main__":
    main()
