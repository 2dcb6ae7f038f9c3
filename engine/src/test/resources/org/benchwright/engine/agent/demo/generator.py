"""A seeded benchmark generator: a ball on a tilted ramp must roll into a goal bin."""
import argparse
import json
import math
import os
import random

p = argparse.ArgumentParser()
p.add_argument("--seed", type=int, required=True)
p.add_argument("--out", required=True)
a = p.parse_args()
rng = random.Random(a.seed)

tilt = rng.uniform(12.0, 18.0)          # degrees
radius = rng.uniform(0.018, 0.025)      # ball radius, m
half_len, half_thick = 0.3, 0.01
centre_z = 0.15
start_x = -0.25
# Ramp surface height above start_x, then the ball rests a centimetre above it.
surface = centre_z + (-start_x) * math.sin(math.radians(tilt)) + half_thick / math.cos(math.radians(tilt))
start_z = surface + radius + 0.01
goal_x0 = 0.30 + rng.uniform(0.0, 0.05)

scene = f"""<mujoco model="ramp-seed-{a.seed}">
  <compiler angle="degree"/>
  <option timestep="0.002" gravity="0 0 -9.81"/>
  <worldbody>
    <geom name="floor" type="plane" size="2 2 0.1"/>
    <body name="ramp_body" pos="0 0 {centre_z}" euler="0 {tilt:.3f} 0">
      <geom name="ramp" type="box" size="{half_len} 0.1 {half_thick}"/>
    </body>
    <body name="payload" pos="{start_x} 0 {start_z:.4f}">
      <freejoint/>
      <geom name="ball" type="sphere" size="{radius:.4f}" density="7850"/>
    </body>
    <geom name="zone_goal" type="box" pos="{goal_x0 + 0.15:.3f} 0 0.05" size="0.15 0.15 0.05" rgba="0 1 0 0.3" contype="0" conaffinity="0"/>
    <geom name="zone_forbid_pit" type="box" pos="0 0.4 0.1" size="0.2 0.1 0.1" rgba="1 0 0 0.3" contype="0" conaffinity="0"/>
  </worldbody>
</mujoco>
"""
bench = {
    "seed": a.seed,
    "moved_object": {"body": "payload", "shape": "sphere", "size": [round(radius, 4)], "material": "steel",
                     "start": [start_x, 0.0, round(start_z, 4)], "jitter": [0.002, 0.002, 0.001]},
    "goal_zone": {"min": [round(goal_x0, 3), -0.15, 0.0], "max": [round(goal_x0 + 0.3, 3), 0.15, 0.1]},
    "forbid_zones": [{"name": "pit", "min": [-0.2, 0.3, 0.0], "max": [0.2, 0.5, 0.2]}],
    "build_zone": {"min": [-0.4, -0.25, 0.0], "max": [0.7, 0.25, 0.4]},
    "constraints": {"max_unit_cost": 30.0, "max_weight_kg": 1.5, "target_quantity": 100,
                    "estimated_cost": 20.0, "estimated_weight_kg": 1.0},
    "randomization": {"scale": [1.0, 1.0, 1.0], "zone_shift": round(goal_x0 - 0.30, 3), "material": "steel"},
}
os.makedirs(a.out, exist_ok=True)
with open(os.path.join(a.out, "scene.xml"), "w") as f:
    f.write(scene)
with open(os.path.join(a.out, "benchmark.json"), "w") as f:
    json.dump(bench, f, indent=2)
print("wrote", a.out)
