"""Merton's 2023-24 evidence registers: what children, young people and families told the
partnership, the multi-agency training programme and the partners' contributions.

Written for the demo from the business plan 2023-25 (seed 001: the Young Scrutineer, the
cross-cutting theme "Voice of children, young people and families", the Policy & Training
sub-group's training programme) and the demo's own 2023-24 workplans, whose voice actions
(PEI 1.5, PPYP 3.3, PPYP 3.9, ESS 4.6, ESS 5.2) each record is linked to. Medway's report
(seed 003) describes a pooled budget "made up from financial contributions from the
safeguarding partners and relevant agencies"; the seeds give no figures, so the amounts below
are illustrative. No child is described in any way that could identify them.
"""

from datetime import date

YEAR = "2023-24"

# source, heard on, what was heard, what changed, priority numbers, action references (2023-24)
VOICE = [
    {
        "source": "Young Scrutineer",
        "heard_on": date(2023, 6, 20),
        "what_was_heard": "Young people told the Young Scrutineer that professionals do not always "
        "explain decisions to them, and that they are asked to repeat their story to each new worker.",
        "what_changed": "Every sub-group added an action on the voice of children, young people and "
        "families to its 2023-24 workplan, and audits now record whether the child was told what "
        "would happen next.",
        "priorities": [6],
        "actions": ["QAPR 6.2", "QAPR C.7"],
    },
    {
        "source": "Families closing to Early Help (feedback forms)",
        "heard_on": date(2023, 9, 30),
        "what_was_heard": "Parents valued having one named worker, but said they did not know what "
        "support was available once Early Help closed, particularly help with the cost of living.",
        "what_changed": "Closure letters now list the local cost-of-living support offer and the "
        "family hubs, and PEI reports 'you said, we did' changes each quarter.",
        "priorities": [1],
        "actions": ["PEI 1.5", "PEI 1.4"],
    },
    {
        "source": "Return home interviews",
        "heard_on": date(2023, 11, 15),
        "what_was_heard": "Young people who had been missing said they would talk more openly to a "
        "worker they already knew than to someone they were meeting for the first time.",
        "what_changed": "Return home interviews are now offered by the young person's allocated "
        "youth worker where they have one, and what young people say is shared with the MACE panel.",
        "priorities": [3],
        "actions": ["PPYP 3.3"],
    },
    {
        "source": "Merton Youth Parliament",
        "heard_on": date(2024, 1, 18),
        "what_was_heard": "Youth Parliament members said exploitation campaigns aimed at them felt "
        "like warnings written by adults, and asked for messages about online grooming and safe spaces.",
        "what_changed": "The exploitation awareness campaign was co-produced with the Youth "
        "Parliament, and its safe spaces map was added at their request.",
        "priorities": [3],
        "actions": ["PPYP 3.9"],
    },
    {
        "source": "Children using the children's domestic abuse service",
        "heard_on": date(2024, 2, 28),
        "what_was_heard": "Children said they wanted to be told what was happening to their parent "
        "after the police were called, and that group sessions with other children helped.",
        "what_changed": "",
        "priorities": [4],
        "actions": ["ESS 4.6"],
    },
    {
        "source": "Parent and carer consultation on the Neglect Strategy",
        "heard_on": date(2024, 3, 12),
        "what_was_heard": "Parents said the word 'neglect' felt like blame when they were struggling "
        "with money and housing, and asked that help is offered before concerns are escalated.",
        "what_changed": "The refreshed Neglect Strategy separates poverty from neglect in its "
        "language, and the toolkit asks practitioners to record the help offered first.",
        "priorities": [5],
        "actions": ["ESS 5.2", "ESS 5.3"],
    },
]

# Partner contributions to the 2023-24 budget, in whole pounds (illustrative).
CONTRIBUTIONS = [
    ("London Borough of Merton", 162_500),
    ("NHS South West London Integrated Care Board", 81_250),
    ("Metropolitan Police Service", 5_000),
    ("Probation Service (London)", 2_000),
    ("Cafcass", 550),
]

# The Policy & Training sub-group's 2023-24 programme (P&T C.1): courses, sessions, attendance
# by agency, the share rating them good or excellent, and what the evaluation found.
TRAINING = [
    {
        "title": "Early help: the Early Help Assessment and the partnership strategy",
        "sessions": 6,
        "attendance": [
            ("Schools and colleges", 42), ("Early years settings", 14), ("Health", 15),
            ("Children's social care, LB Merton", 18), ("Voluntary and community sector", 9),
        ],
        "rated_good_percent": 94,
        "evaluation": "Most participants said they would start an Early Help Assessment sooner. The "
        "three-month survey found 61% had started at least one since the course.",
    },
    {
        "title": "Contextual safeguarding and child exploitation",
        "sessions": 5,
        "attendance": [
            ("Schools and colleges", 31), ("Metropolitan Police", 12), ("Youth services, LB Merton", 16),
            ("Children's social care, LB Merton", 21), ("Health", 8),
        ],
        "rated_good_percent": 91,
        "evaluation": "Participants asked for more on online exploitation; a module was added from January 2024.",
    },
    {
        "title": "Domestic abuse: children as victims in their own right",
        "sessions": 4,
        "attendance": [
            ("Schools and colleges", 24), ("Health", 19), ("Metropolitan Police", 9),
            ("Children's social care, LB Merton", 14), ("Voluntary and community sector", 11),
        ],
        "rated_good_percent": 96,
        "evaluation": "Participants were more confident asking children directly about their experience at home.",
    },
    {
        "title": "Neglect and the Graded Care Profile 2",
        "sessions": 6,
        "attendance": [
            ("Health", 27), ("Schools and colleges", 22), ("Early years settings", 10),
            ("Children's social care, LB Merton", 25),
        ],
        "rated_good_percent": 89,
        "evaluation": "The neglect audit found GCP2 in 6 of 10 cases; the follow-up survey showed "
        "practitioners wanted a manager's support to complete it, now part of the course.",
    },
    {
        "title": "Working with fathers and male carers",
        "sessions": 3,
        "attendance": [
            ("Children's social care, LB Merton", 16), ("Health", 12), ("Probation Service", 6),
            ("Voluntary and community sector", 7),
        ],
        "rated_good_percent": 93,
        "evaluation": "Participants said they would invite fathers to meetings as a matter of course.",
    },
    {
        "title": "Adultification: learning from the Young Scrutineer's review",
        "sessions": 2,
        "attendance": [
            ("Metropolitan Police", 18), ("Schools and colleges", 15), ("Youth services, LB Merton", 9),
            ("Children's social care, LB Merton", 10),
        ],
        "rated_good_percent": 97,
        "evaluation": "Workshops were co-delivered with the Young Scrutineer; every participant said "
        "they would recognise adultification bias in a case discussion.",
    },
]
