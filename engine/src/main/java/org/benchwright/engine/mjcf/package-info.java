/**
 * MJCF scenes of benchmarks: the first checks a generated seed must pass before MuJoCo sees it.
 *
 * <p>A benchmark generator run writes, per seed, {@code scene.xml} (MJCF), {@code benchmark.json}
 * and mesh files (see {@code docs/benchmark-format.md}). This package offers:
 *
 * <ul>
 *   <li>{@link org.benchwright.engine.mjcf.MjcfSchema#validate} — well-formed, DOCTYPE-free XML in
 *       the MJCF subset of {@code mjcf-benchmark.xsd}, with line numbers and plain messages;
 *   <li>{@link org.benchwright.engine.mjcf.BenchmarkScene#parse} — benchmark.json, every error
 *       naming its field;
 *   <li>{@link org.benchwright.engine.mjcf.StaticChecks#check} — docs/domain.md's static checks of
 *       the two together;
 *   <li>{@link org.benchwright.engine.mjcf.MjcfLoader#load} — any MJCF scene (includes, default
 *       classes, frames, every orientation form) as a {@link
 *       org.benchwright.engine.mjcf.SceneModel} for viewing, with what is not drawn listed;
 *   <li>{@link org.benchwright.engine.mjcf.PoseTrack#parse} — body poses mjcf-check records for
 *       playback.
 * </ul>
 *
 * <p>MuJoCo's own parser and simulation (mjcf-check in the sandbox) remain the truth; these checks
 * are fast, run without a container and say what is wrong in words a generator can act on.
 *
 * <p>benchmark.json has exactly this shape (vectors are [x, y, z] in metres, world coordinates;
 * zones are axis-aligned boxes with min ≤ max; unknown fields are errors):
 *
 * <pre>{@code
 * {"seed": 3,
 *  "moved_object": {"body": "payload", "shape": "sphere", "size": [0.02], "material": "steel",
 *                   "start": [0.0, 0.0, 0.3], "jitter": [0.002, 0.002, 0.001]},
 *  "goal_zone": {"min": [x, y, z], "max": [x, y, z]},
 *  "forbid_zones": [{"name": "pit", "min": [x, y, z], "max": [x, y, z]}],
 *  "build_zone": {"min": [x, y, z], "max": [x, y, z]},
 *  "constraints": {"max_unit_cost": 40.0, "max_weight_kg": 1.5, "target_quantity": 100,
 *                  "estimated_cost": 26.0, "estimated_weight_kg": 1.0},
 *  "randomization": {"scale": [1.2, 1.0, 1.0], "zone_shift": 0.1, "material": "steel"}}
 * }</pre>
 *
 * <p>{@code forbid_zones} may be absent (none); {@code max_unit_cost} and {@code max_weight_kg} may
 * be absent and then are 1.5 × the estimates. Everything else is required. {@code shape} is one of
 * sphere, box, capsule, cylinder, ellipsoid (with MuJoCo's geom sizes: radius; half sizes; radius
 * and half length; radii) or mesh (size: the radius of a sphere about the body origin holding it).
 */
package org.benchwright.engine.mjcf;
