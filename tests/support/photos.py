"""Photos as a phone writes them: sideways, with GPS and serial numbers."""

import pillow_heif
from PIL import Image

pillow_heif.register_heif_opener()  # Pillow reads and writes HEIC
ORIENTATION, GPS_INFO, BODY_SERIAL, LENS_SERIAL, MAKE = 0x0112, 0x8825, 0xA431, 0xA435, 0x010F
RED, BLUE = (220, 30, 30), (30, 30, 220)


def sideways_exif(image: Image.Image) -> Image.Exif:
    """What a phone writes: turn 90° clockwise to show, where it was taken, which camera."""
    exif = image.getexif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "Apple"
    exif[BODY_SERIAL] = "C39XK2ABCD"
    exif[LENS_SERIAL] = "LENS-0042"
    gps = exif.get_ifd(GPS_INFO)
    gps.update({1: "N", 2: (53.0, 26.0, 45.1), 3: "W", 4: (2.0, 14.0, 3.3)})
    exif[GPS_INFO] = gps
    return exif


def stored_sideways(width: int, height: int) -> Image.Image:
    """Red on top as stored: shown turned clockwise, the red is on the right."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width, height // 2))
    return image


def phone_jpeg(path, width=3000, height=2000):
    image = stored_sideways(width, height)
    image.save(path, "JPEG", exif=sideways_exif(image).tobytes(), quality=90)
    return path


def phone_heic(path, width=1200, height=900):
    image = stored_sideways(width, height)
    image.save(path, "HEIF", exif=sideways_exif(image).tobytes(), quality=80)
    return path
