"""Checks the "scene" section mjcf-check --scene wrote for scene.xml (run inside the image).

    python3 scene-check.py REPORT.json     exit 0 when every check holds, else 1 with the failures
"""
import json
import math
import sys

report = json.load(open(sys.argv[1]))
scene = report["scene"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def close(a, b, eps=1e-6):
    return len(a) == len(b) and all(x is not None and math.isclose(x, y, abs_tol=eps) for x, y in zip(a, b))


bodies = {b["name"]: (i, b) for i, b in enumerate(scene["bodies"])}
counts = scene["counts"]
check(counts == {"nbody": report["model"]["nbody"], "ngeom": report["model"]["ngeom"],
                 "nmesh": 1, "nflex": 1, "nhfield": 1}, f"counts {counts}")
check(len(scene["bodies"]) == counts["nbody"] and len(scene["geoms"]) == counts["ngeom"], "one entry per body and geom")
check(scene["bodies"][0]["parent"] == 0, "world body at index 0")
check(scene["truncated"] is False and scene["truncated_reason"] is None, "not truncated")

# <frame pos="0 1 0" euler="0 0 90"> turns base's pos="1 0 0.5" into world (0, 2, 0.5).
base_id, base = bodies.get("base", (None, None))
check(base is not None and close(base["pos"], [0, 2, 0.5]), f"base world pos {base and base['pos']}")
check(base is not None and close(base["quat"], [math.sqrt(0.5), 0, 0, math.sqrt(0.5)]), "base world quat")
# <attach prefix="arm-"> puts the other file's body under base, 0.2 m up.
link = bodies.get("arm-link")
check(link is not None and link[1]["parent"] == base_id and close(link[1]["pos"], [0, 2, 0.7]), "attached arm-link")
check(any(g["name"] == "arm-rod" and g["type"] == "capsule" for g in scene["geoms"]), "attached geom arm-rod")
# <replicate count="3" offset="0.3 0 0">: three posts 0.3 m apart.
posts = sorted(b["pos"][0] for name, (_, b) in bodies.items() if name and name.startswith("post"))
check(len(posts) == 3 and close(posts, [-1, -0.7, -0.4]), f"replicated posts at x={posts}")
# The mesh: 4 inline vertices, 4 faces (a tetrahedron), drawn in its material's red.
mesh = scene["meshes"][0] if scene["meshes"] else {}
check(mesh.get("name") == "wedge" and len(mesh.get("vertices", [])) == 12 and len(mesh.get("faces", [])) == 12,
      f"mesh wedge {mesh}")
check(all(0 <= i < 4 for i in mesh.get("faces", [])), "face indices are local to the mesh")
wedge = next((g for g in scene["geoms"] if g["name"] == "wedge_geom"), None)
check(wedge is not None and wedge["mesh"] == 0 and wedge["body"] == base_id and wedge["material"] == "red"
      and wedge["rgba"] == [1, 0, 0, 1], f"wedge geom {wedge}")
floor = next((g for g in scene["geoms"] if g["name"] == "floor"), None)
check(floor is not None and floor["type"] == "plane" and floor["mesh"] is None and floor["material"] is None,
      "floor plane")
# The flexcomp: a 3x3 grid sheet at z=1 in world coordinates, 8 triangles.
flex = scene["flexes"][0] if scene["flexes"] else {}
verts = flex.get("vertices", [])
check(flex.get("name") == "sheet" and flex.get("dim") == 2 and len(verts) == 27, f"flex sheet {flex}")
check(all(math.isclose(z, 1, abs_tol=1e-9) for z in verts[2::3]), "flex vertices in world coordinates (z=1)")
check(len(flex.get("elements", [])) == 8 * 3 and flex.get("rgba") == [0, 0, 1, 1], "flex elements and colour")
# The height field: 3x3 samples, an unnamed geom pointing at it.
hf = scene["hfields"][0] if scene["hfields"] else {}
check(hf.get("nrow") == 3 and hf.get("ncol") == 3 and len(hf.get("data", [])) == 9 and hf.get("size") == [0.5, 0.5, 0.1, 0.05],
      f"hfield {hf}")
check(any(g["type"] == "hfield" and g["hfield"] == 0 and g["name"] is None for g in scene["geoms"]), "hfield geom")

for f in failures:
    print("scene-check: " + f, file=sys.stderr)
sys.exit(1 if failures else 0)
