"""A child process for the reliability tests: plays runs back to back as fast as it can.

It records through the same `Recorder` the players use and prints
"finished ID" once each run's commit has returned, so the parent knows which
runs must survive whatever it does to this process next.

    python tests/records/writer.py DATA_DIR RUNS [SCENARIO [HANG_AFTER [rich]]]

With HANG_AFTER, the first run stops after that many choices, prints
"waiting" and sleeps: a trainee in mid-conversation when the process dies.
With `rich`, that run holds the kinds of record added since: a named trainee's
(TRAINEE) in own-words practice (WORDS typed before each line), with its first line
said and taken back (undo) before another is chosen.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sim.engine import Run
from sim.loading import load_scenario
from sim.records.recorder import Recorder

BUNDLED = Path(__file__).resolve().parents[2] / "scenarios"
TRAINEE = "Dana Lee"
WORDS = "so you're saying it has been a hard week"


def main() -> None:
    folder, count = sys.argv[1], int(sys.argv[2])
    name = sys.argv[3] if len(sys.argv) > 3 else "first-meeting"
    hang = int(sys.argv[4]) if len(sys.argv) > 4 else None
    rich = len(sys.argv) > 5 and sys.argv[5] == "rich"
    scenario = load_scenario(BUNDLED / f"{name}.toml")
    recorder = Recorder.open(folder, trainee=TRAINEE if rich else "")
    if not recorder.enabled:
        print("disabled", *recorder.take_messages(), flush=True)
        return
    for i in range(count):
        run = Run.begin(scenario)
        run.own_words = rich
        recorder.begin(run, "practice", None)
        step = 0
        while True:
            run.settle()
            if run.over:
                break
            offers = run.offers()
            if rich and step == 0:  # said, then taken back
                run.choose(offers[-1].number, "you should")
                recorder.update(run)
                run.undo()
                recorder.update(run)
            run.choose(offers[(i + step) % len(offers)].number, WORDS if rich else "")
            step += 1
            recorder.update(run)
            if hang is not None and step == hang:
                print("waiting", recorder.run_id, flush=True)
                time.sleep(600)
        recorder.update(run)
        if recorder.finished_id is None:
            print("lost", *recorder.take_messages(), flush=True)
            return
        print("finished", recorder.finished_id, len(run.state.decisions), flush=True)


if __name__ == "__main__":
    main()
