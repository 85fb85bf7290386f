"""How long a build takes with 20 phone photos: first (every copy encoded) and second (cached).

    .venv/bin/python -m bench.photos [--photos 20]

The photos are 4000×3000 JPEGs drawn with Pillow, with the metadata a phone writes,
in one post added to a copy of the real content; the cache starts empty.
"""

import argparse
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from publishing.build import DEV_SETTINGS, ROOT, pelican_command

from .builds import TODAY


def phone_photo(path: Path, size=(4000, 3000), orientation=1, seed=1) -> None:
    """A photo-like JPEG with what a phone writes into it: camera model, GPS position and
    orientation flag. A red band runs along its top edge, to tell which way up it is."""
    random.seed(seed)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y, r = (
            random.randrange(size[0]),
            random.randrange(size[1]),
            random.randrange(40, size[0] // 6),
        )
        draw.ellipse(
            (x - r, y - r, x + r, y + r), fill=tuple(random.randrange(256) for _ in range(3))
        )
    draw.rectangle((0, 0, size[0], size[1] // 10), fill=(220, 30, 30))
    noise = Image.effect_noise(size, 20).convert("RGB")
    image = Image.blend(image.filter(ImageFilter.GaussianBlur(5)), noise, 0.06)
    exif = Image.Exif()
    exif[0x0110] = "Phone Model X"  # camera model
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (53.0, 25.0, 0.0), 3: "W", 4: (2.0, 14.0, 0.0)}  # GPS
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=90, exif=exif)


def timed_build(content: Path, output: Path, cache: Path) -> float:
    extra = {"CACHE_PATH": str(cache), "TODAY": TODAY}
    start = time.perf_counter()
    subprocess.run(
        pelican_command(content, output, DEV_SETTINGS, extra),
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20)
    count = parser.parse_args().photos
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as folder:
        work = Path(folder)
        content = work / "content"
        shutil.copytree(ROOT / "content", content)
        (content / "images").mkdir(exist_ok=True)
        lines = []
        for n in range(count):
            phone_photo(content / "images" / f"photo-{n:02d}.jpg", seed=n)
            lines.append(f"![Photo {n + 1} from class](images/photo-{n:02d}.jpg)\n")
        post = "Title: A class in photos\nDate: 2025-06-01 09:00\nSummary: Photos.\n\n" + "\n".join(
            lines
        )
        (content / "blog" / "photos.md").write_text(post, encoding="utf-8")
        first = timed_build(content, work / "out1", work / "cache")
        second = timed_build(content, work / "out2", work / "cache")
    print(f"{count} photos of 4000×3000: first build {first:.1f} s, second build {second:.1f} s")


if __name__ == "__main__":
    main()
