"""The benchmark's figures as plain-text tables for the terminal."""

from .weight import KINDS


def tables(results: dict) -> str:
    return "\n\n".join(
        [
            machine_line(results["machine"]),
            build_table(results["full_build"], results["posts"], results["runs"]),
            rebuild_table(results["edit_to_output"], results["runs"]),
            browser_table(results["edit_to_browser"], results["runs"]),
            weight_table(results["page_weight"]),
        ]
    )


def machine_line(machine: dict) -> str:
    return (
        f"{machine['cpus']} CPUs ({machine['cpu_model']}), {machine['ram_gb']} GB RAM, "
        f"Python {machine['python']}, Pelican {machine['pelican']}"
    )


BUILD_LABELS = {
    "ours_empty_cache": "ours, empty cache",
    "ours_warm": "ours, warm cache (invoke build, publish)",
    "ours": "ours, no content cache",
    "plain": "plain Pelican",
}


def build_table(builds: dict, posts: int, runs: int) -> str:
    rows = [build_row(label, builds[name]) for name, label in BUILD_LABELS.items()]
    title = (
        f"Full build, {posts} synthetic posts + the real content "
        f"(median of {runs}; the empty-cache build runs once)"
    )
    header = ["", "seconds", "× plain", "CPU s", "× plain", "peak MB", "pages", "ms/page"]
    return f"{title}\n{aligned(header, rows)}"


def build_row(label: str, figures: dict) -> list:
    return [
        label,
        f"{figures['median_seconds']:.2f}",
        f"{figures['ratio_to_plain']:.2f}",
        f"{figures['median_cpu_seconds']:.2f}",
        f"{figures['cpu_ratio_to_plain']:.2f}",
        f"{figures['peak_mb']:.0f}",
        figures["pages"],
        f"{figures['ms_per_page']:.1f}",
    ]


def rebuild_table(rebuilds: dict, runs: int) -> str:
    rows = [
        ["a new Pelican process per edit (invoke build)", rebuilds["new_process_median"]],
        [
            "invoke livereload (Pelican kept running, content cache)",
            rebuilds["kept_running_median"],
        ],
    ]
    title = f"Edit one post, rebuild with the content cache, median of {runs}"
    return f"{title}\n" + aligned(["", "seconds"], [[label, f"{s:.2f}"] for label, s in rows])


BROWSER_LABELS = {"text": "a post's text", "title": "a post's title", "tag": "a new tag"}


def browser_table(browser: dict, runs: int) -> str:
    """Edit to browser, ours and Hugo's, with ratios where Hugo ran."""
    servers = browser["servers"]
    header = ["edit", "server", "its page, s", "× Hugo", "everywhere, s", "× Hugo's page"]
    header += ["rebuilt, s"]
    rows = []
    for kind, label in BROWSER_LABELS.items():
        for name, kinds in servers.items():
            figures = kinds[kind]
            rows.append(
                [
                    label,
                    name,
                    f"{figures['page_median']:.2f}",
                    ratio(figures.get("page_ratio_to_hugo")),
                    ratio(figures["everywhere_median"]),
                    ratio(figures.get("everywhere_ratio_to_hugo")),
                    ratio(figures.get("rebuilt_median")),
                ]
            )
    title = (
        f"Edit to browser: save, then fetch the page until it shows the change, median of {runs}"
        " (everywhere: until the feed shows new text, the blog list a new title, the new tag's"
        " page the post; Hugo's fast"
        " render mode leaves those stale; rebuilt: until our full rebuild after it is in place)"
    )
    note = f"\n({browser['hugo_missing']})" if browser["hugo_missing"] else ""
    return f"{title}\n{aligned(header, rows)}{note}"


def ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def weight_table(pages: dict) -> str:
    rows = [
        [name, *(sizes(weights[kind]) for kind in (*KINDS, "total"))]
        for name, weights in pages.items()
    ]
    title = "Page weight as published, bytes raw / gzip -9 / brotli 11 (images excluded)"
    return f"{title}\n" + aligned(["page", *KINDS, "total"], rows)


def sizes(weight: dict) -> str:
    return f"{weight['raw']} / {weight['gzip']} / {weight['brotli']}"


def aligned(header: list, rows: list[list]) -> str:
    """Columns padded to their widest cell: text to the left, figures to the right."""
    cells = [[str(cell) for cell in row] for row in [header, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in cells
    )
