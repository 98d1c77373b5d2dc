"""The body blocks of a news article: text, image, document, quote, table."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from theme.blocks import DocumentLinkBlock, HeadingBlock


class ArticleImageBlock(blocks.StructBlock):
    """An image across the article's column, served as responsive WebP/JPEG."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        required=False,
        max_length=250,
        help_text=_(
            "What the image shows, for people who cannot see it. "
            "Leave empty to use the image's title."
        ),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "news/blocks/article_image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Said by"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "news/blocks/quote_block.html"


class ArticleTableBlock(TableBlock):
    """A simple table (results, schedules); the first row may be a header."""

    class Meta:
        icon = "table"
        label = _("Table")
        template = "news/blocks/table_block.html"


class ArticleStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        icon="pilcrow",
        template="theme/blocks/paragraph_block.html",
    )
    image = ArticleImageBlock()
    document = DocumentLinkBlock()
    quote = QuoteBlock()
    table = ArticleTableBlock()
