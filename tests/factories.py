"""wagtail-factories for every page model; test_factories checks none is missing."""

import factory
import wagtail_factories

from home.models import DistrictHomePage, HomePage, StandardPage


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


PAGE_FACTORIES = {
    HomePage: HomePageFactory,
    StandardPage: StandardPageFactory,
    DistrictHomePage: DistrictHomePageFactory,
}
