"""Merton's demo reviews register: the reviews the demo workplans already act on.

The seed documents name the learning loop ("learning from case reviews will be reflected in
Sub-Group Work Plans", Business Plan 2023-25) and the Young Scrutineer's thematic scrutiny of
adultification; the demo's 2023-24 and 2024-25 workplans (mscp/demo/merton.py) record the
rapid reviews of 2023 and the chronic neglect LCSPR through QAPR C.2 and the actions that
followed them. The register below is those reviews, each recommendation linked to the actions
that deliver it by workplan year and reference. No child is described in any way that could
identify them.
"""

from datetime import date

REVIEWS = [
    {
        "kind": "lcspr",
        "reference": "LCSPR 2023-01",
        "title": "Chronic neglect of a school-age child",
        "summary": (
            "A school-age child lived with chronic neglect over several years while known to "
            "health, education and children's social care. The rapid review found that no agency "
            "held the whole picture, and the safeguarding partners commissioned a local child "
            "safeguarding practice review."
        ),
        "notified_on": date(2023, 5, 3),
        "rapid_review_on": date(2023, 5, 17),
        "decided_on": date(2023, 6, 7),
        "published_on": date(2024, 5, 22),
        "status": "implementing",
        "findings": [
            "Each agency saw part of the picture; no agency kept a chronology that showed the "
            "neglect building up over time.",
            "'Start again' practice: each new referral was assessed afresh rather than on what "
            "was already known, which delayed action.",
            "Missed health and dental appointments were not followed up as a possible sign of neglect.",
        ],
        "recommendations": [
            {
                "text": "Publish multi-agency guidance on recognising chronic neglect and cumulative "
                "harm, with a chronology standard every agency uses.",
                "evidence": "Guidance and chronology standard launched in October 2024 (96 "
                "attendees). A November 2024 dip sample of 10 neglect cases found multi-agency "
                "chronologies in 7, against 2 at the time of the review.",
                "actions": [("2023-24", "ESS 5.5"), ("2024-25", "ESS 5.2")],
            },
            {
                "text": "Treat children not brought to health and dental appointments as a possible "
                "sign of neglect: adopt a 'Was Not Brought' policy and monitor follow-up.",
                "evidence": "A dip sample of 15 GP records found 'was not brought' coded in 13. "
                "Dental reporting has been live since March 2024; quarterly monitoring continues.",
                "actions": [("2023-24", "ESS 5.4"), ("2024-25", "ESS 5.4")],
            },
            {
                "text": "Use the Graded Care Profile 2 consistently across agencies when neglect is a concern.",
                "evidence": "The 2023 neglect audit found GCP2 in 6 of 10 cases; GCP2 champions "
                "are now in place in each agency and a re-audit is planned.",
                "actions": [("2023-24", "ESS 5.1"), ("2024-25", "ESS 5.1")],
            },
        ],
    },
    {
        "kind": "rapid",
        "reference": "RR 2023-03",
        "title": "Serious injury to an infant",
        "summary": (
            "A serious non-accidental injury to a baby. The rapid review reached the National "
            "Panel within 15 working days; the safeguarding partners decided that a local "
            "review was not needed and that the learning would be taken forward through PEI "
            "and QAPR. The Panel agreed."
        ),
        "notified_on": date(2023, 10, 4),
        "rapid_review_on": date(2023, 10, 19),
        "decided_on": date(2023, 10, 26),
        "published_on": None,
        "status": "implementing",
        "findings": [
            "ICON messages about coping with crying were given at maternity discharge but rarely "
            "repeated at the GP 8-week check.",
            "Fathers and male carers were not seen or recorded by universal services.",
        ],
        "recommendations": [
            {
                "text": "Audit how ICON and safe sleep messages are given and recorded at maternity "
                "discharge, health visiting contacts and GP 8-week checks, and embed ICON across "
                "the partnership.",
                "evidence": "ICON discussed at 96% of new birth visits (health visiting, Q3 "
                "2023-24). The audit found ICON recorded at 26 of 30 maternity discharges but "
                "only 9 of 30 GP 8-week checks.",
                "actions": [("2023-24", "QAPR C.6"), ("2023-24", "PEI 1.7")],
            },
            {
                "text": "Record fathers and male carers at every contact with services for babies, "
                "and give ICON messages to fathers directly.",
                "evidence": "A dip sample of 20 health visiting records found fathers recorded in "
                "16 (9 in 2023). The GP template change went live in February 2025.",
                "actions": [("2024-25", "PEI 1.7")],
            },
        ],
    },
    {
        "kind": "rapid",
        "reference": "RR 2023-04",
        "title": "Child exploitation through county lines",
        "summary": (
            "A Merton child exploited through county lines was found in another area. The rapid "
            "review looked at how information was shared across borough and police boundaries; "
            "the safeguarding partners decided the learning could be taken forward through PPYP "
            "without a local review."
        ),
        "notified_on": date(2023, 10, 11),
        "rapid_review_on": date(2023, 10, 25),
        "decided_on": date(2023, 11, 1),
        "published_on": None,
        "status": "closed",
        "findings": [
            "Information that the child had been found in another area took several days to reach "
            "Merton's services.",
            "It was not clear that a National Referral Mechanism referral had been made.",
        ],
        "recommendations": [
            {
                "text": "Agree a cross-border information-sharing protocol with neighbouring boroughs, "
                "and check that every child identified as a potential victim is referred to the "
                "National Referral Mechanism.",
                "evidence": "Protocol agreed in February 2024. The NRM audit found referrals for 17 "
                "of 19 children identified as potential victims; the other two were followed up "
                "and referred.",
                "actions": [("2023-24", "PPYP 3.8")],
            },
        ],
    },
    {
        "kind": "thematic",
        "reference": "TR 2023-01",
        "title": "Adultification of children and young people",
        "summary": (
            "The Young Scrutineer's thematic scrutiny, with the Independent Scrutineer, of how "
            "agencies see and treat Black and global majority children as older than they are, "
            "including in police searches and school discipline."
        ),
        "notified_on": None,
        "rapid_review_on": None,
        "decided_on": None,
        "published_on": date(2023, 3, 15),
        "status": "implementing",
        "findings": [
            "Practitioners did not always recognise adultification or its effect on how children "
            "are protected.",
            "Partners could not show how often more thorough and intimate searches of children "
            "took place, or with what safeguards.",
        ],
        "recommendations": [
            {
                "text": "Train practitioners across the partnership, including police officers and "
                "school staff, to recognise and challenge adultification.",
                "evidence": "Adultification workshops delivered in 2023-24; training for police and "
                "school staff in 2024-25, its impact tested through the Young Scrutineer's follow-up.",
                "actions": [("2023-24", "P&T C.6"), ("2023-24", "PPYP 3.6"), ("2024-25", "PPYP 3.3")],
            },
            {
                "text": "Review data on more thorough and intimate searches of children quarterly, "
                "with an appropriate adult present in every case.",
                "evidence": "",
                "actions": [("2024-25", "PPYP 3.8")],
            },
        ],
    },
]
