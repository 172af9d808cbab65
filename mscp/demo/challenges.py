"""The demo's challenge log for Merton, 2023-24. Merton's Executive "is supported by an
Independent Chair, an Independent Scrutineer and a Young Scrutineer"; the Scrutineer draws "on
evidence within and outside of the partnership ... holding those that are responsible to
account", and 2021-23 saw "thematic scrutiny on sexual harassment in schools and adultification
of children and young people" and a focus on "improving existing performance monitoring
arrangements" (seeds: Merton MSCP Business Plan 2023-25). The challenges below follow those
threads through the 2023-24 workplans.

Each challenge: who raised it (a demo username), when, its target (a sub-group's short name, an
action's reference, or an agency's name), the question, the date a response is wanted by, its
responses (author, date, text) and, once closed, who closed it, when, the outcome and what was
concluded.
"""

from datetime import date

CHALLENGES = {
    "merton": [
        {
            "raised_by": "scrutineer",
            "raised_on": date(2023, 10, 12),
            "action": "QAPR 6.1",
            "question": (
                "The Executive's performance report for Q2 still shows local authority measures "
                "only. What is stopping police and health data reaching the dashboard, and when "
                "will the Executive see a multi-agency picture, with ethnicity breakdowns, as the "
                "action promises?"
            ),
            "respond_by": date(2023, 11, 30),
            "responses": [
                (
                    "bsu",
                    date(2023, 11, 2),
                    "Data-sharing agreements with the Met's South West BCU and the ICB were signed "
                    "in October. Police contacts and health attendances go into the Q3 report; "
                    "ethnicity breakdowns follow once the ICB's extract is tested in January.",
                ),
            ],
            "closed": (
                "scrutineer",
                date(2023, 12, 14),
                "action_agreed",
                "The BSU will present the first multi-agency dataset to the Executive in February "
                "2024, with ethnicity breakdowns by Q4. The Scrutineer will review the Q4 report.",
            ),
        },
        {
            "raised_by": "scrutineer",
            "raised_on": date(2023, 11, 20),
            "subgroup": "PEI",
            "question": (
                "The learning loop: how does the sub-group know that learning from this year's "
                "rapid reviews about step-down from the MASH to Early Help has changed practice, "
                "rather than only being circulated?"
            ),
            "respond_by": date(2024, 1, 15),
            "responses": [
                (
                    "pei-lead",
                    date(2023, 12, 13),
                    "The step-down protocol (PEI 1.3) was rewritten from the review's findings. "
                    "QAPR's December dip-sample of 20 step-downs found 17 completed within five "
                    "working days and families reporting they did not have to repeat their story.",
                ),
                (
                    "pei-lead",
                    date(2024, 1, 24),
                    "Further to our response: the re-audit is now on the QAPR workplan for March "
                    "so we can see whether the improvement holds.",
                ),
            ],
            "closed": (
                "scrutineer",
                date(2024, 2, 8),
                "assured",
                "Audit evidence shows the review's learning changed practice at the front door. "
                "Assured, subject to the March re-audit.",
            ),
        },
        {
            "raised_by": "executive",
            "raised_on": date(2024, 1, 11),
            "action": "PPYP 3.2",
            "question": (
                "The exploitation and contextual harm profile was due in October 2023 and the "
                "action has no update. Which partner's data is missing, and what is the sub-group "
                "doing about it?"
            ),
            "respond_by": date(2024, 2, 1),
            "responses": [
                (
                    "bsu",
                    date(2024, 2, 1),
                    "The police intelligence extract has not been released: the BCU's analyst post "
                    "has been vacant since September. Council, health and education data are ready.",
                ),
            ],
            "closed": (
                "executive",
                date(2024, 3, 7),
                "escalated",
                "Escalated to the Borough Commander through the lead safeguarding partners; the "
                "Executive will review the profile at its May meeting.",
            ),
        },
        {
            "raised_by": "scrutineer",
            "raised_on": date(2024, 2, 15),
            "agency": "Merton schools, through the Education Safeguarding Forum",
            "question": (
                "Following the thematic scrutiny of sexual harassment in schools: how many schools "
                "have reviewed their policies and reporting routes, and how do pupils know how to "
                "report harassment and what happens next?"
            ),
            "respond_by": date(2024, 4, 30),
            "responses": [
                (
                    "bsu",
                    date(2024, 3, 20),
                    "On behalf of the Education Safeguarding Forum: 41 of 48 schools have returned "
                    "their policy review; pupil voice surveys are under way in the secondary schools "
                    "and will be reported to ESS in May.",
                ),
            ],
        },
        {
            "raised_by": "scrutineer",
            "raised_on": date(2024, 3, 14),
            "subgroup": "ESS",
            "question": (
                "The Young Scrutineer's work on adultification found that Black boys are more "
                "often seen as older and less vulnerable than they are. How does the sub-group's "
                "workplan address this, and what training has been offered to schools?"
            ),
            "respond_by": date(2024, 5, 31),
            "responses": [],
        },
    ],
}
