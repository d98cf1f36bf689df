#!/usr/bin/env python3
"""Reads the event files a Synapse `fit` wrote with TensorBoard's own
EventAccumulator and checks them against what Synapse says it logged.

    tensorboard_check.py LOGDIR EXPECTED.json

EXPECTED.json: {"train": {"scalars": {tag: [[step, value], ...]},
"histograms": [tag, ...], "images": [tag, ...], "texts": [tag, ...]},
"validation": {...}}. Exits 77 when tensorboard is not installed.
"""
import json
import os
import sys

try:
    from tensorboard.backend.event_processing import event_accumulator as ea
except ImportError:
    print("tensorboard is not installed")
    sys.exit(77)


def main():
    logdir, expected_path = sys.argv[1], sys.argv[2]
    expected = json.load(open(expected_path))
    failures = []
    for run, want in expected.items():
        acc = ea.EventAccumulator(os.path.join(logdir, run), size_guidance={
            ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.IMAGES: 0, ea.TENSORS: 0})
        acc.Reload()
        tags = acc.Tags()
        for tag, points in want.get("scalars", {}).items():
            if tag not in tags["scalars"]:
                failures.append(f"{run}: scalar {tag} missing; has {tags['scalars']}")
                continue
            got = [(e.step, e.value) for e in acc.Scalars(tag)]
            if len(got) != len(points):
                failures.append(f"{run}/{tag}: {len(got)} points, expected {len(points)}")
                continue
            for (step, value), (want_step, want_value) in zip(got, points):
                if step != want_step or abs(value - want_value) > 1e-6 * max(1.0, abs(want_value)):
                    failures.append(f"{run}/{tag}: ({step}, {value}) != ({want_step}, {want_value})")
        for tag in want.get("histograms", []):
            if tag not in tags["histograms"]:
                failures.append(f"{run}: histogram {tag} missing; has {tags['histograms'][:5]}...")
            else:
                h = acc.Histograms(tag)[-1].histogram_value
                if h.num <= 0 or sum(h.bucket) != h.num:
                    failures.append(f"{run}/{tag}: bucket counts {sum(h.bucket)} != num {h.num}")
        for tag in want.get("images", []):
            if tag not in tags["images"]:
                failures.append(f"{run}: image {tag} missing; has {tags['images']}")
            else:
                image = acc.Images(tag)[-1]
                if not image.encoded_image_string.startswith(b"\x89PNG") or image.width <= 0:
                    failures.append(f"{run}/{tag}: not a PNG")
        for tag in want.get("texts", []):
            if tag not in tags["tensors"]:
                failures.append(f"{run}: text {tag} missing; has {tags['tensors']}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
