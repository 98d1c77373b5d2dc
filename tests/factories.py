"""wagtail-factories for every page model; test_factories checks none is missing."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from contact.letters import save_letter
from contact.models import (
    ContactPage,
    DialogueMeetingPage,
    FeedbackPage,
    Letter,
    LetterKind,
    OfficePage,
    Official,
    Post,
    RatingPage,
    ReceptionPage,
)
from district.models import DistrictHomePage, SatisfactionOverviewPage
from home.models import HomePage, StandardPage
from news.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    GreetingIndexPage,
    GreetingPage,
    NewsArticlePage,
    NewsIndexPage,
    Notice,
    ThankYouPage,
)
from procedures.models import DossierLookupPage, Procedure, ProcedureField, ProcedureIndexPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    intro = "Trang chủ thử nghiệm."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Trang nội dung {n}")
    intro = "Nội dung thử nghiệm."

    class Meta:
        model = StandardPage


class DistrictHomePageFactory(wagtail_factories.PageFactory):
    title = "Huyện Thử Nghiệm"

    class Meta:
        model = DistrictHomePage


class ProcedureIndexPageFactory(wagtail_factories.PageFactory):
    title = "Thủ tục hành chính"
    slug = "thu-tuc"

    class Meta:
        model = ProcedureIndexPage


class ProcedureFieldFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    slug = factory.Sequence(lambda n: f"linh-vuc-{n}")

    class Meta:
        model = ProcedureField


class ProcedureFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"9.{n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    field = factory.SubFactory(ProcedureFieldFactory)
    processing_time = "3 ngày làm việc"
    fee = "Miễn phí"
    steps = "Nộp hồ sơ\nNhận kết quả"

    class Meta:
        model = Procedure


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Liên hệ"
    slug = "lien-he"

    class Meta:
        model = ContactPage


class OfficePageFactory(wagtail_factories.PageFactory):
    title = "Bộ phận một cửa"
    slug = "mot-cua"

    class Meta:
        model = OfficePage


class ReceptionPageFactory(wagtail_factories.PageFactory):
    title = "Tiếp công dân"
    slug = "tiep-cong-dan"

    class Meta:
        model = ReceptionPage


class DialogueMeetingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Đối thoại với Nhân dân số {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    place = "Hội trường UBND"
    topics = "Đất đai\nMôi trường"

    class Meta:
        model = DialogueMeetingPage


class FeedbackPageFactory(wagtail_factories.PageFactory):
    title = "Góp ý"
    slug = "gop-y"

    class Meta:
        model = FeedbackPage


class RatingPageFactory(wagtail_factories.PageFactory):
    title = "Đánh giá"
    slug = "danh-gia"

    class Meta:
        model = RatingPage


class SatisfactionOverviewPageFactory(wagtail_factories.PageFactory):
    title = "Mức độ hài lòng"
    slug = "hai-long"

    class Meta:
        model = SatisfactionOverviewPage


class DossierLookupPageFactory(wagtail_factories.PageFactory):
    title = "Tra cứu hồ sơ"
    slug = "tra-cuu-ho-so"

    class Meta:
        model = DossierLookupPage


class OfficialFactory(factory.django.DjangoModelFactory):
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    post = "van_phong"
    phone = factory.Sequence(lambda n: f"0912{n % 1000000:06d}")

    class Meta:
        model = Official


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Tin tức"
    slug = "tin-tuc"

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tin thử nghiệm số {n}")
    lead = "Tóm tắt tin thử nghiệm."
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = NewsArticlePage


class AnnouncementIndexPageFactory(wagtail_factories.PageFactory):
    title = "Thông báo"
    slug = "thong-bao"

    class Meta:
        model = AnnouncementIndexPage


class AnnouncementPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Thông báo thử nghiệm số {n}")
    text = "Nội dung thông báo để đọc trên loa."
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = AnnouncementPage


class GreetingIndexPageFactory(wagtail_factories.PageFactory):
    title = "Lời chúc"
    slug = "loi-chuc"

    class Meta:
        model = GreetingIndexPage


class GreetingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lời chúc thử nghiệm số {n}")
    occasion = "new-year"
    text = "<p>Chúc mừng năm mới.</p>"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    class Meta:
        model = GreetingPage


class ThankYouPageFactory(wagtail_factories.PageFactory):
    title = "Cảm ơn"
    slug = "cam-on"

    class Meta:
        model = ThankYouPage


class LetterFactory(factory.django.DjangoModelFactory):
    kind = LetterKind.THANK_YOU
    recipient_name = factory.Sequence(lambda n: f"Ông Nguyễn Văn Nhận {n}")
    recipient_address = "Thôn Thử Nghiệm"
    reason = "ủng hộ xây dựng đường làng"

    class Meta:
        model = Letter

    @factory.lazy_attribute
    def signer(self):
        """The commune's chairman, as a letter is signed by a leader: the one
        the test made, or a new one."""
        chairman = Official.objects.filter(commune=self.commune, post=Post.CHAIRMAN).first()
        return chairman or OfficialFactory(commune=self.commune, post=Post.CHAIRMAN)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Registered through the service, as every writer of letters is."""
        return save_letter(model_class(*args, **kwargs))


class NoticeFactory(factory.django.DjangoModelFactory):
    message = factory.Sequence(lambda n: f"Thông báo khẩn số {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=5))

    class Meta:
        model = Notice


PAGE_FACTORIES = {
    HomePage: HomePageFactory,
    StandardPage: StandardPageFactory,
    DistrictHomePage: DistrictHomePageFactory,
    ProcedureIndexPage: ProcedureIndexPageFactory,
    ContactPage: ContactPageFactory,
    OfficePage: OfficePageFactory,
    ReceptionPage: ReceptionPageFactory,
    DialogueMeetingPage: DialogueMeetingPageFactory,
    FeedbackPage: FeedbackPageFactory,
    RatingPage: RatingPageFactory,
    SatisfactionOverviewPage: SatisfactionOverviewPageFactory,
    NewsIndexPage: NewsIndexPageFactory,
    NewsArticlePage: NewsArticlePageFactory,
    AnnouncementIndexPage: AnnouncementIndexPageFactory,
    AnnouncementPage: AnnouncementPageFactory,
    GreetingIndexPage: GreetingIndexPageFactory,
    GreetingPage: GreetingPageFactory,
    ThankYouPage: ThankYouPageFactory,
    DossierLookupPage: DossierLookupPageFactory,
}
