"""From a member's proposal to a challenge of the catalogue.

An editor reviews a proposal, then turns it into a draft challenge (fields copied, proposal linked),
merges it into an existing challenge, or refuses it. When the linked challenge is published the
proposer is thanked by email with its address, once.
"""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from portal.challenges.models import ChallengeIndexPage, ChallengePage
from portal.contributions import notifications
from portal.contributions.models import ChallengeProposal, ProposalStatus


class ProposalError(Exception):
    """The action is not possible; the message says why, for the editor."""


OPEN = (ProposalStatus.NEW, ProposalStatus.REVIEW)


def paragraphs(text):
    """Plain text as safe rich-text paragraphs: the proposer's words, never their markup."""
    return "".join(f"<p>{escape(block.strip())}</p>" for block in text.split("\n\n") if block.strip())


def unique_slug(parent, title):
    base = slugify(title)[:70] or "defi"
    slug, number = base, 1
    while parent.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def locked(proposal):
    """Lock the proposal's row until the transaction ends, and read it again: two editors acting on it at once
    are served one after the other, and the second one's checks see what the first one did."""
    proposal.refresh_from_db(from_queryset=ChallengeProposal.objects.select_for_update())
    return proposal


@transaction.atomic
def review(proposal):
    locked(proposal)
    if proposal.status != ProposalStatus.NEW:
        raise ProposalError(_("Only a new proposal can be put under review."))
    proposal.status = ProposalStatus.REVIEW
    proposal.save(update_fields=["status"])
    return proposal


@transaction.atomic
def refuse(proposal):
    locked(proposal)
    if proposal.status not in OPEN:
        raise ProposalError(_("This proposal was already handled."))
    proposal.status = ProposalStatus.REFUSED
    proposal.save(update_fields=["status"])
    return proposal


def split_lead(text, limit=400):
    """The first sentence of `text` as a challenge's summary, and the rest as its body: the page shows the
    summary above the body, so the proposer's words appear once. Without a first sentence of at most
    `limit` characters, the summary is the text cut at a word and the body keeps it whole."""
    text = text.strip()
    sentence = re.match(r"(.+?[.!?…])(?=\s|$)", text, re.DOTALL)
    if sentence and len(sentence.group(1)) <= limit:
        return one_line(sentence.group(1)), text[sentence.end() :].strip()
    if len(text) <= limit:
        return one_line(text), ""
    return Truncator(one_line(text)).chars(limit), text


def one_line(text):
    """`text` on one line: each run of spaces and line breaks one space; the no-break spaces of French
    typography (before « : », inside « guillemets ») stay as they are."""
    return re.sub(r"[^\S\u00a0\u202f]+", " ", text).strip()


@transaction.atomic
def convert(proposal, user):
    """Create a draft challenge from the proposal under the challenge index; the proposal points at it."""
    locked(proposal)
    if proposal.status not in OPEN or proposal.challenge_id:
        raise ProposalError(_("This proposal was already handled."))
    index = ChallengeIndexPage.objects.in_default_locale().first()
    if index is None:
        raise ProposalError(_("The site has no challenge catalogue page to add the challenge to."))
    lead, rest = split_lead(proposal.description)
    page = ChallengePage(
        title=proposal.title,
        slug=unique_slug(index, proposal.title),
        summary=lead,
        body=[("paragraph", paragraphs(rest))] if rest else [],
        example=paragraphs(proposal.example),
        live=False,
    )
    # The proposer's own words for themes are suggestions: only those an editor approved are themes by now.
    page.themes.set(list(proposal.themes.all()))
    if proposal.actor_type:
        page.actor_types.set([proposal.actor_type])
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    proposal.challenge = page
    proposal.status = ProposalStatus.ACCEPTED
    proposal.save(update_fields=["challenge", "status"])
    return page


@transaction.atomic
def merge(proposal, challenge):
    """The proposal is already covered by `challenge`: link them, and thank the proposer if it is online."""
    locked(proposal)
    if proposal.status not in OPEN:
        raise ProposalError(_("This proposal was already handled."))
    proposal.challenge = challenge
    proposal.status = ProposalStatus.MERGED
    proposal.save(update_fields=["challenge", "status"])
    if challenge.live:
        thank_proposers(challenge)
    return proposal


def thank_proposers(challenge):
    """Email, once, each proposer whose proposal became or joined this published challenge."""
    waiting = ChallengeProposal.objects.filter(
        challenge=challenge, thanked_at__isnull=True, status__in=[ProposalStatus.ACCEPTED, ProposalStatus.MERGED]
    )
    for proposal in waiting:
        with transaction.atomic():
            if ChallengeProposal.objects.filter(pk=proposal.pk, thanked_at__isnull=True).update(
                thanked_at=timezone.now()
            ):
                notifications.proposal_published(proposal, challenge)
