"""One module per screen. Section screens share `SectionScreen`; forms are `FormScreen`s."""
