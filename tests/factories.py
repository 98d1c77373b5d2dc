"""wagtail-factories for every page model; test_factories checks none is missing."""

import factory
import wagtail_factories

from home.models import DistrictHomePage, HomePage, StandardPage
from procedures.models import Procedure, ProcedureField, ProcedureIndexPage


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


PAGE_FACTORIES = {
    HomePage: HomePageFactory,
    StandardPage: StandardPageFactory,
    DistrictHomePage: DistrictHomePageFactory,
    ProcedureIndexPage: ProcedureIndexPageFactory,
}
