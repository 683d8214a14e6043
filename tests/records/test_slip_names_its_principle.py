"""The weakest principle after a critical slip is the one its kind breaks (programme28).

Different Path's breach of confidentiality at 'evening' undermines confidentiality and
boundaries alike; a run that also undermined boundaries once more named "boundaries" as the
weakest principle in `progress`, the report and the debrief's "A principle to practise",
while the slip the trainee is to practise against was a breach of confidentiality.
"""

from __future__ import annotations

from sim.cli import main
from sim.loading import load_catalogue

# to the ending 'another-program': a breach of confidentiality at the last decision, and
# boundaries undermined once before it too
CHOICES = "1,1,1,1,1,1,1,1,1,3"


def test_progress_report_and_debrief_name_the_principle_the_slip_broke(capsys) -> None:
    principles = load_catalogue().principles
    privacy, boundaries = principles["confidentiality"].title, principles["boundaries"].title
    assert main(["play", "different-path", "--choices", CHOICES, "--trainee", "Ana Souza"]) == 0
    played = " ".join(capsys.readouterr().out.split())
    assert "a breach of confidentiality" in played  # the slip, as the debrief names it
    assert f"A principle to practise: “{privacy}”" in played, played

    assert main(["progress", "--trainee", "ana souza"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"{boundaries}: 0%, honoured 0, undermined 2" in out, out  # the lower share
    assert (
        f"Weakest so far: {privacy} (0% from 1 line): a breach of confidentiality undermined it "
        "in run 1." in out
    ), out
    assert f"because it trains “{privacy}”, Ana Souza's weakest principle so far" in out

    assert main(["report"]) == 0
    row = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("  Ana Souza: "))
    assert f"weakest: {privacy} (0% from 1 line)" in row, row
