import factory

from reports.models import Finding, LearningReview, Recommendation


class LearningReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningReview

    partnership = factory.SubFactory("plans.tests.factories.PartnershipFactory")
    kind = LearningReview.Kind.RAPID
    reference = factory.Sequence(lambda n: f"RR {n}")
    title = factory.Sequence(lambda n: f"Serious incident review {n}")
    summary = "A serious incident notification; the learning is taken forward through the workplans."
    status = LearningReview.Status.IMPLEMENTING


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    review = factory.SubFactory(LearningReviewFactory)
    text = "Agencies did not share what they knew."
    order = factory.Sequence(lambda n: n + 1)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    review = factory.SubFactory(LearningReviewFactory)
    text = "Agree an information-sharing protocol."
    order = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def actions(self, create, extracted, **kwargs):
        if create and extracted:
            self.actions.set(extracted)
