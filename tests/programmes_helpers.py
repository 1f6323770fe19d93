"""What the programmes tests share: a mentoring model's page, and an iteration of it."""

from tests.factories import IterationPageFactory, MentoringModelPageFactory


def model_page(programme, code):
    """The page of the model `code` under the programme page (one page per model)."""
    return MentoringModelPageFactory(parent=programme, model_code=code, title=code, slug=code)


def iteration_of(programme, code, **fields):
    """An iteration of the model `code` (IterationPageFactory: open for applications today)."""
    return IterationPageFactory(parent=model_page(programme, code), **fields)
