#!/usr/bin/python3
"""Checks contrib/kubernetes/ without a cluster: the manifests parse as YAML (python3-yaml), the
Indexed Job and the merge Job run the image of this version, the Indexed Job passes certdiag
the flags scripts/batch.sh passes, and the Containerfile installs the Debian package on Debian 12.

Usage: tests/kubernetes_test.py   (exit 1 with the reasons when a check fails)
"""
import pathlib
import re
import shlex
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
KUBE = ROOT / "contrib" / "kubernetes"


def main():
    problems = []
    version = re.search(r"project\(certdiag VERSION (\S+)", (ROOT / "CMakeLists.txt").read_text()).group(1)
    image = f"certdiag:{version}"
    flags_line = re.search(r"^CERTDIAG_FLAGS=\((.*)\)$", (ROOT / "scripts/batch.sh").read_text(), re.M)
    flags = " ".join(shlex.split(flags_line.group(1)))

    jobs = {}
    for name in ("certdiag-job.yaml", "certdiag-merge.yaml"):
        for document in yaml.safe_load_all((KUBE / name).read_text()):
            if document and document.get("kind") == "Job":
                jobs[document["metadata"]["name"]] = document
    if set(jobs) != {"certdiag-map", "certdiag-merge"}:
        problems.append(f"expected the Jobs certdiag-map and certdiag-merge, found {sorted(jobs)}")
    for name, job in jobs.items():
        pod = job["spec"]["template"]["spec"]
        script = "\n".join(" ".join(pod["containers"][0].get(key, [])) for key in ("command", "args"))
        if pod["containers"][0]["image"] != image:
            problems.append(f"{name}: image {pod['containers'][0]['image']}, expected {image}")
        if name == "certdiag-map":
            if job["spec"].get("completionMode") != "Indexed":
                problems.append("certdiag-map: not an Indexed Job")
            if job["spec"].get("backoffLimitPerIndex") != 1:
                problems.append("certdiag-map: a failed bundle is not retried once")
            if f"certdiag {flags} " not in script:
                problems.append(f"certdiag-map: does not run certdiag {flags} (scripts/batch.sh)")
        elif "certdiag merge " not in script:
            problems.append(f"{name}: does not run certdiag merge")

    containerfile = (KUBE / "Containerfile").read_text()
    if not re.search(r"^FROM debian:12-slim$", containerfile, re.M):
        problems.append("Containerfile: not FROM debian:12-slim")
    if "apt-get install -y --no-install-recommends /tmp/certdiag_*.deb" not in containerfile:
        problems.append("Containerfile: does not install the Debian package")

    for problem in problems:
        print(f"kubernetes_test: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"kubernetes_test: ok: {image}, certdiag {flags}", file=sys.stderr)


if __name__ == "__main__":
    main()
