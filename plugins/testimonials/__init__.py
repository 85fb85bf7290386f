"""Parents' words about the classes: one Markdown file per quote in content/testimonials/.

A quote is published only when its file says `Consent: yes`; any other file
stops the build, naming it. Templates get the quotes, newest first, as
`testimonials`; with none, the section is left out.
"""

from pelican import signals

from .generator import TestimonialsGenerator


def get_generators(pelican):
    return TestimonialsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
