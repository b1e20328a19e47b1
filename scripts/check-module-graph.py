#!/usr/bin/env python3
"""Fails when a module depends against the architecture's arrows (Docs/Architecture.md).

Reads `swift package dump-package` and checks, transitively:
- SluicePluginAPI depends on nothing;
- SluiceText depends on nothing but the CLD2 shim (a C wrapper);
- no plugin (a target under Plugins/) and no C wrapper reaches SluiceRuntime, SluiceCLI or GRDB;
- the C wrappers depend only on their system library;
- SluiceCLI and SluiceRuntime link no plugin.
"""
import json, subprocess, sys

package = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True, capture_output=True, text=True).stdout)
targets = {t["name"]: t for t in package["targets"]}

def direct(name):
    out = []
    for dep in targets[name].get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dep:
                out.append(dep[kind][0])
    return out

def closure(name):
    seen, stack = set(), [name]
    while stack:
        for dep in direct(stack.pop()):
            if dep not in seen:
                seen.add(dep)
                if dep in targets:
                    stack.append(dep)
    return seen

plugins = sorted(n for n, t in targets.items() if (t.get("path") or "").startswith("Plugins/"))
wrappers = {"SluiceLibXML2": "CLibXML2", "SluiceLibArchive": "CLibArchive", "SluiceZlib": "CZlib"}
problems = []
if direct("CLD2Shim"):
    problems.append("CLD2Shim (a C shim) must depend on no module")
for name, allowed in (("SluicePluginAPI", []), ("SluiceText", ["CLD2Shim"])):
    if direct(name) != allowed:
        problems.append(f"{name} must depend on {', '.join(allowed) or 'nothing'}; it depends on {', '.join(direct(name)) or 'nothing'}")
for name in plugins + list(wrappers):
    bad = closure(name) & {"SluiceRuntime", "SluiceCLI", "GRDB"}
    if bad:
        problems.append(f"{name} reaches {', '.join(sorted(bad))}: plugins and C wrappers never import the runtime")
for name, c in wrappers.items():
    if direct(name) != [c]:
        problems.append(f"{name} must depend on {c} only; it depends on {', '.join(direct(name))}")
for name in ("SluiceCLI", "SluiceRuntime"):
    linked = sorted(closure(name) & set(plugins))
    if linked:
        problems.append(f"{name} links plugins ({', '.join(linked)}); the binary names the plugins it links")
if not plugins:
    problems.append("no target under Plugins/ was found")
for p in problems:
    print("module graph:", p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"module graph: {len(targets)} targets, {len(plugins)} plugins, every arrow points the right way")
