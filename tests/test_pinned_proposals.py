"""From a member's proposal to a challenge, pinned to the word (issue 15, mutation testing of
portal/contributions/proposals.py): which proposals each action takes, what a converted challenge holds to the
character, which proposers are thanked and how many times, and the exact French sentence the editor reads when an
action is refused."""

from django.core import mail
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from portal.challenges.models import ChallengePage
from portal.contributions import proposals
from portal.contributions.models import ChallengeProposal, ProposalStatus
from portal.taxonomy.models import ActorType, Theme
from tests.factories import ChallengePageFactory, ChallengeProposalFactory
from tests.utils import spy_on_row_locks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_french")]

ONLY_NEW = "Seule une nouvelle proposition peut être mise en examen."
HANDLED = "Cette proposition a déjà été traitée."
NO_CATALOGUE = "Le site n’a pas de page de catalogue des défis où ajouter le défi."
HANDLED_STATUSES = [ProposalStatus.ACCEPTED, ProposalStatus.REFUSED, ProposalStatus.MERGED]


def refusal(action, *args):
    """The sentence shown to the editor whose action is refused."""
    with pytest.raises(proposals.ProposalError) as refused:
        action(*args)
    return str(refused.value)


def stored(proposal):
    return ChallengeProposal.objects.values_list("status", "challenge_id", "thanked_at").get(pk=proposal.pk)


# --- The proposer's words as paragraphs --------------------------------------------------------------
def test_the_proposers_words_become_escaped_trimmed_paragraphs_without_empty_ones():
    text = "\n\n  Premier paragraphe.\nMême paragraphe.  \n\n \n\nDeux <b>gras</b> & «\u00a0cité\u00a0»\n\n\n\n"
    assert proposals.paragraphs(text) == (
        "<p>Premier paragraphe.\nMême paragraphe.</p><p>Deux &lt;b&gt;gras&lt;/b&gt; &amp; «\u00a0cité\u00a0»</p>"
    )


@pytest.mark.parametrize("text", ["", "   ", "\n\n \n\n"])
def test_words_made_of_blanks_make_no_paragraph(text):
    assert proposals.paragraphs(text) == ""


# --- The challenge's summary and body ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lead", "rest"),
    [
        ("  Une   phrase\tici. La suite.\n\nEncore.  ", "Une phrase ici.", "La suite.\n\nEncore."),
        ("Vraiment! La suite.", "Vraiment!", "La suite."),
        ("Comment faire? La suite.", "Comment faire?", "La suite."),
        ("Et puis… La suite.", "Et puis…", "La suite."),
        ("Une seule phrase.", "Une seule phrase.", ""),
        ("Une phrase\nsur deux lignes. La suite.", "Une phrase sur deux lignes.", "La suite."),
        ("Le bus 3.5 roule. La suite.", "Le bus 3.5 roule.", "La suite."),
        ("Une   phrase\n sans point", "Une phrase sans point", ""),
        ("Le «\u202fMaaS\u202f»\u00a0: qui\u00a0? La suite.", "Le «\u202fMaaS\u202f»\u00a0: qui\u00a0?", "La suite."),
        ("Le «\u202fMaaS\u202f»\u00a0: pour\n  qui", "Le «\u202fMaaS\u202f»\u00a0: pour qui", ""),
    ],
)  # fmt: skip
def test_the_first_sentence_is_the_summary_and_the_rest_the_body(text, lead, rest):
    assert proposals.split_lead(text) == (lead, rest)


def test_a_first_sentence_of_four_hundred_characters_is_the_summary():
    sentence = "a" * 399 + "."
    assert proposals.split_lead(sentence + " La suite.") == (sentence, "La suite.")


def test_a_first_sentence_over_four_hundred_characters_leaves_the_whole_text_to_the_body():
    text = "a" * 400 + ". La suite."
    assert proposals.split_lead(text) == ("a" * 399 + "…", text)


def test_a_text_without_a_sentence_is_the_summary_up_to_four_hundred_characters():
    assert proposals.split_lead("a" * 400) == ("a" * 400, "")
    assert proposals.split_lead("a" * 401) == ("a" * 399 + "…", "a" * 401)


def test_a_long_text_without_a_sentence_is_cut_with_its_spaces_collapsed():
    text = "mots  " * 100
    summary, rest = proposals.split_lead(text)
    assert summary == ("mots " * 100)[:399] + "…"
    assert rest == text.strip()


def test_a_long_text_without_a_sentence_keeps_its_french_no_break_spaces_in_the_summary():
    text = "Le «\u202fMaaS\u202f»\u00a0:  " * 30
    summary, rest = proposals.split_lead(text, limit=20)
    assert summary == "Le «\u202fMaaS\u202f»\u00a0: Le «\u202f…"
    assert rest == text.strip()


def test_the_summary_limit_can_be_set():
    assert proposals.split_lead("Une phrase. La suite.", limit=10) == ("Une phras…", "Une phrase. La suite.")
    assert proposals.split_lead("Une phrase. La suite.", limit=11) == ("Une phrase.", "La suite.")


# --- Addresses ----------------------------------------------------------------------------------------
def test_a_challenges_address_is_its_title_cut_at_seventy_characters(challenge_index):
    assert proposals.unique_slug(challenge_index, "Mobilité " * 20) == ("mobilite-" * 8)[:70]


def test_a_title_without_letters_gets_the_address_defi_then_numbered_from_two(challenge_index, editor):
    for expected in ["defi", "defi-2", "defi-3"]:
        assert proposals.convert(ChallengeProposalFactory(title="?!"), editor).slug == expected


# --- Review and refusal ------------------------------------------------------------------------------------
def test_a_new_proposal_is_put_under_review():
    proposal = ChallengeProposalFactory()
    assert proposals.review(proposal) is proposal
    assert stored(proposal) == (ProposalStatus.REVIEW, None, None)


@pytest.mark.parametrize("status", [ProposalStatus.REVIEW, *HANDLED_STATUSES])
def test_only_a_new_proposal_is_put_under_review(status):
    proposal = ChallengeProposalFactory(status=status)
    assert refusal(proposals.review, proposal) == ONLY_NEW
    assert stored(proposal) == (status, None, None)


@pytest.mark.parametrize("status", [ProposalStatus.NEW, ProposalStatus.REVIEW])
def test_an_open_proposal_is_refused(status):
    proposal = ChallengeProposalFactory(status=status)
    assert proposals.refuse(proposal) is proposal
    assert stored(proposal) == (ProposalStatus.REFUSED, None, None)


@pytest.mark.parametrize("status", HANDLED_STATUSES)
def test_a_handled_proposal_is_not_refused(status):
    proposal = ChallengeProposalFactory(status=status)
    assert refusal(proposals.refuse, proposal) == HANDLED
    assert stored(proposal) == (status, None, None)


def test_a_refusal_sees_a_refusal_made_meanwhile():
    proposal = ChallengeProposalFactory()
    stale = ChallengeProposal.objects.get(pk=proposal.pk)
    proposals.refuse(proposal)
    assert refusal(proposals.review, stale) == ONLY_NEW
    assert refusal(proposals.refuse, stale) == HANDLED


@pytest.mark.parametrize("action", ["review", "refuse", "convert", "merge"])
def test_every_action_reads_the_proposal_again_under_a_lock(challenge_index, editor, monkeypatch, action):
    proposal = ChallengeProposalFactory()
    locks = spy_on_row_locks(monkeypatch, ChallengeProposal.objects, proposal.pk)
    arguments = {"convert": [editor], "merge": [ChallengePageFactory(parent=challenge_index)]}.get(action, [])
    getattr(proposals, action)(proposal, *arguments)
    assert locks == [proposal.pk]


def test_locking_returns_the_proposal_read_again():
    proposal = ChallengeProposalFactory()
    ChallengeProposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.REVIEW)
    assert proposals.locked(proposal) is proposal
    assert proposal.status == ProposalStatus.REVIEW


# --- Conversion ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [ProposalStatus.NEW, ProposalStatus.REVIEW])
def test_converting_makes_a_draft_challenge_of_the_proposers_words_under_the_catalogue(challenge_index, editor, status):
    proposal = ChallengeProposalFactory(
        status=status,
        title="Partager nos données de covoiturage",
        description="Les collectivités veulent mutualiser. Elles ne savent pas comment.\n\nSecond <i>paragraphe</i>.",
        example="Une métropole.\n\nTrois communes.",
        actor_type=ActorType.objects.get(code="collectivite"),
    )
    proposal.themes.set([Theme.objects.create(name="covoiturage"), Theme.objects.create(name="données")])
    page = proposals.convert(proposal, editor)
    page = ChallengePage.objects.get(pk=page.pk)
    assert page.get_parent().pk == challenge_index.pk
    assert (page.title, page.slug, page.live) == (
        "Partager nos données de covoiturage",
        "partager-nos-donnees-de-covoiturage",
        False,
    )
    assert page.summary == "Les collectivités veulent mutualiser."
    assert [(block.block_type, str(block.value)) for block in page.body] == [
        ("paragraph", "<p>Elles ne savent pas comment.</p><p>Second &lt;i&gt;paragraphe&lt;/i&gt;.</p>")
    ]
    assert page.example == "<p>Une métropole.</p><p>Trois communes.</p>"
    assert sorted(theme.name for theme in page.themes.all()) == ["covoiturage", "données"]
    assert [actor_type.code for actor_type in page.actor_types.all()] == ["collectivite"]
    assert (page.latest_revision.user, page.has_unpublished_changes) == (editor, True)
    logged = PageLogEntry.objects.filter(page=page).order_by("pk")
    assert [(entry.action, entry.user) for entry in logged] == [("wagtail.create", None), ("wagtail.edit", editor)]
    assert stored(proposal) == (ProposalStatus.ACCEPTED, page.pk, None)
    assert mail.outbox == []


def test_a_proposal_of_one_sentence_without_example_or_actor_type_makes_a_challenge_of_a_summary(
    challenge_index, editor
):
    proposal = ChallengeProposalFactory(description="Une seule phrase.", example="", actor_type=None)
    page = ChallengePage.objects.get(pk=proposals.convert(proposal, editor).pk)
    assert (page.summary, list(page.body), page.example) == ("Une seule phrase.", [], "")
    assert list(page.actor_types.all()) == [] and list(page.themes.all()) == []


@pytest.mark.parametrize("status", HANDLED_STATUSES)
def test_a_handled_proposal_is_not_converted(challenge_index, editor, status):
    proposal = ChallengeProposalFactory(status=status)
    assert refusal(proposals.convert, proposal, editor) == HANDLED
    assert ChallengePage.objects.count() == 0


def test_an_open_proposal_already_linked_to_a_challenge_is_not_converted(challenge_index, editor):
    challenge = ChallengePageFactory(parent=challenge_index)
    proposal = ChallengeProposalFactory(status=ProposalStatus.REVIEW, challenge=challenge)
    assert refusal(proposals.convert, proposal, editor) == HANDLED
    assert ChallengePage.objects.count() == 1 and stored(proposal) == (ProposalStatus.REVIEW, challenge.pk, None)


def test_without_a_catalogue_page_nothing_is_converted(challenge_index, editor):
    challenge_index.delete()
    proposal = ChallengeProposalFactory()
    assert refusal(proposals.convert, proposal, editor) == NO_CATALOGUE
    assert stored(proposal) == (ProposalStatus.NEW, None, None)
    assert ChallengePage.objects.count() == 0


# --- Merging and thanks ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [ProposalStatus.NEW, ProposalStatus.REVIEW])
def test_merging_into_a_draft_challenge_links_them_and_thanks_nobody_yet(challenge_index, status):
    draft = ChallengePageFactory(parent=challenge_index, live=False)
    proposal = ChallengeProposalFactory(status=status)
    assert proposals.merge(proposal, draft) is proposal
    assert stored(proposal) == (ProposalStatus.MERGED, draft.pk, None)
    assert mail.outbox == []


def test_merging_into_a_published_challenge_thanks_the_proposer_once(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, title="Mutualiser le covoiturage")
    proposal = ChallengeProposalFactory(email="nora@example.net")
    before = timezone.now()
    proposals.merge(proposal, challenge)
    status, challenge_id, thanked_at = stored(proposal)
    assert (status, challenge_id) == (ProposalStatus.MERGED, challenge.pk)
    assert before <= thanked_at <= timezone.now()
    [thanks] = mail.outbox
    assert thanks.to == ["nora@example.net"]
    assert thanks.subject == "Votre défi est en ligne\u00a0: Mutualiser le covoiturage"
    proposals.thank_proposers(challenge)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("status", HANDLED_STATUSES)
def test_a_handled_proposal_is_not_merged(challenge_index, status):
    challenge = ChallengePageFactory(parent=challenge_index)
    proposal = ChallengeProposalFactory(status=status)
    assert refusal(proposals.merge, proposal, challenge) == HANDLED
    assert stored(proposal) == (status, None, None) and mail.outbox == []


def test_only_the_proposers_whose_proposal_became_or_joined_the_challenge_are_thanked_once(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index)
    other = ChallengePageFactory(parent=challenge_index)
    long_ago = timezone.now().replace(year=2025)
    for email, status, linked, thanked_at in [
        ("accepte@example.net", ProposalStatus.ACCEPTED, challenge, None),
        ("fusionne@example.net", ProposalStatus.MERGED, challenge, None),
        ("refuse@example.net", ProposalStatus.REFUSED, challenge, None),
        ("nouveau@example.net", ProposalStatus.NEW, challenge, None),
        ("examen@example.net", ProposalStatus.REVIEW, challenge, None),
        ("deja@example.net", ProposalStatus.ACCEPTED, challenge, long_ago),
        ("ailleurs@example.net", ProposalStatus.ACCEPTED, other, None),
    ]:
        ChallengeProposalFactory(email=email, status=status, challenge=linked, thanked_at=thanked_at)
    proposals.thank_proposers(challenge)
    assert sorted(email.to[0] for email in mail.outbox) == ["accepte@example.net", "fusionne@example.net"]
    thanked = dict(ChallengeProposal.objects.values_list("email", "thanked_at"))
    assert thanked["deja@example.net"] == long_ago
    newly_thanked = {email for email, at in thanked.items() if at is not None and at != long_ago}
    assert newly_thanked == {"accepte@example.net", "fusionne@example.net"}
    proposals.thank_proposers(challenge)
    assert len(mail.outbox) == 2


def test_publishing_a_challenge_whose_proposers_were_thanked_reads_them_no_more(
    challenge_index, django_assert_num_queries
):
    challenge = ChallengePageFactory(parent=challenge_index)
    for status in [ProposalStatus.ACCEPTED, ProposalStatus.MERGED]:
        ChallengeProposalFactory(status=status, challenge=challenge, thanked_at=timezone.now())
    with django_assert_num_queries(1):
        proposals.thank_proposers(challenge)
    assert mail.outbox == []


def test_a_proposer_thanked_meanwhile_by_another_publication_is_not_thanked_again(challenge_index, monkeypatch):
    # Two publications of the challenge at once: each reads the proposers waiting, and only one thanks each.
    challenge = ChallengePageFactory(parent=challenge_index)
    first, second = (
        ChallengeProposalFactory(status=ProposalStatus.ACCEPTED, challenge=challenge, email=email)
        for email in ["premier@example.net", "second@example.net"]
    )
    sent = []

    def proposal_published(proposal, published):
        sent.append(proposal.email)
        ChallengeProposal.objects.exclude(pk=proposal.pk).update(thanked_at=timezone.now())  # the other one

    monkeypatch.setattr(proposals.notifications, "proposal_published", proposal_published)
    proposals.thank_proposers(challenge)
    assert len(sent) == 1 and sent[0] in {first.email, second.email}
