/*
 * mjcf-sim: simulates an engineer's solution placed in a benchmark scene and prints one JSON report
 * on stdout (docs/domain.md, "Solution success").
 *
 *   mjcf-sim --payload BODY --goal X0,Y0,Z0,X1,Y1,Z1 [flags] FILE.xml
 *
 * Before any stepping, the solution's parts (--part, body or geom names) must lie inside the build
 * zone and touch no forbid zone. Then each variant (one per --offset, the moved object's start
 * shifted by it) is stepped from the initial state for up to --duration simulated seconds:
 *   success   any point of the moved object is inside the goal zone;
 *   failure   timeout, the moved object or a part touching a forbid zone, the moved object or a
 *             part leaving --bounds, instability (MuJoCo warning counters, |qpos|, speed, NaN), or
 *             an actuator at >= 0.9 of its force range for 2 s without a break.
 *
 * Exit status: 0 every variant succeeded, 1 a variant failed or the scene did not compile or the
 * placement is wrong, 2 usage error. mjcf-check does compile-time and t=0 intersection checks;
 * this tool assumes the scene already passed them and reports a compile error only briefly.
 *
 * Written against MuJoCo 3.14.0, the library the mujoco Python wheel ships (see mjcf_check.c).
 */
#define _POSIX_C_SOURCE 200809L

#include <mujoco/mujoco.h>

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_PASS = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

#define MAX_FORBID 32
#define MAX_PARTS 256
#define MAX_VARIANTS 64
#define MAX_PROBLEMS 64
#define ERROR_LEN 1024
#define NAME_LEN 128
#define HARD_CAP_SECONDS 30.0

#ifndef MJ_PLUGIN_DIR
#define MJ_PLUGIN_DIR ""
#endif

typedef struct {
  double lo[3], hi[3];
} Box;

typedef struct {
  const char *name;
  Box box;
} Zone;

typedef struct {
  const char *file;
  const char *payload;
  Box goal;
  int has_goal;
  Zone forbid[MAX_FORBID];
  int nforbid;
  Box build;
  int has_build;
  Box bounds;
  int has_bounds;
  const char *parts[MAX_PARTS];
  int nparts;
  double offsets[MAX_VARIANTS][3];
  int nvariants;
  double duration;
  double saturation_fraction;
  double saturation_seconds;
  double max_qpos, max_speed;
} Options;

static char usage_error[ERROR_LEN];

static void usage(FILE *out) {
  fputs("usage: mjcf-sim --payload BODY --goal X0,Y0,Z0,X1,Y1,Z1 [flags] FILE.xml\n"
        "  --forbid NAME=X0,Y0,Z0,X1,Y1,Z1   a forbid zone (repeatable)\n"
        "  --build-zone X0,Y0,Z0,X1,Y1,Z1    parts must lie inside it at t=0\n"
        "  --part NAME                       a body or geom of the solution (repeatable)\n"
        "  --bounds X0,Y0,Z0,X1,Y1,Z1        the moved object and parts must stay inside\n"
        "  --offset DX,DY,DZ                 one variant: the moved object's start shifted (repeatable;\n"
        "                                    default one variant at 0,0,0)\n"
        "  --duration S                      simulated seconds per variant (default 10, at most 30)\n"
        "  --saturation-fraction F           of an actuator's force range (default 0.9)\n"
        "  --saturation-seconds S            continuous saturation that fails (default 2)\n"
        "  --max-qpos X, --max-speed V       instability limits (default 1e4, 100 m/s)\n"
        "Prints one JSON object. Exit 0: every variant succeeded, 1: not, 2: usage error.\n",
        out);
}

/* ---------------------------------------------------------------------------------------------- */
/* JSON                                                                                           */

static void json_string(FILE *out, const char *s) {
  if (!s) {
    fputs("null", out);
    return;
  }
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') fprintf(out, "\\%c", *p);
    else if (*p == '\n') fputs("\\n", out);
    else if (*p < 0x20 || *p >= 0x7f) fputs("?", out); /* names and MuJoCo texts: ASCII is enough */
    else fputc(*p, out);
  }
  fputc('"', out);
}

static void json_number(FILE *out, double x) {
  if (isfinite(x)) fprintf(out, "%.6g", x);
  else fputs("null", out);
}

static void json_box(FILE *out, const Box *b) {
  fprintf(out, "[[");
  for (int k = 0; k < 3; k++) {
    if (k) fputc(',', out);
    json_number(out, b->lo[k]);
  }
  fputs("],[", out);
  for (int k = 0; k < 3; k++) {
    if (k) fputc(',', out);
    json_number(out, b->hi[k]);
  }
  fputs("]]", out);
}

/* ---------------------------------------------------------------------------------------------- */
/* MuJoCo errors: jump back instead of exiting (MuJoCo's default handler calls exit).              */

static jmp_buf mj_error_jump;
static int mj_error_armed;
static char mj_error_text[ERROR_LEN];
static char last_warning[300];

static void on_mj_error(const char *msg) {
  snprintf(mj_error_text, sizeof mj_error_text, "%s", msg ? msg : "");
  if (mj_error_armed) {
    mj_error_armed = 0;
    longjmp(mj_error_jump, 1);
  }
  fputs("{\"ok\":false,\"verdict\":\"internal_error\",\"error\":", stdout);
  json_string(stdout, mj_error_text);
  fputs("}\n", stdout);
  fflush(stdout);
  _exit(EXIT_FAIL);
}

static void on_mj_warning(const char *msg) { snprintf(last_warning, sizeof last_warning, "%s", msg ? msg : ""); }

static int guarded_step(const mjModel *m, mjData *d) {
  if (setjmp(mj_error_jump)) return -1;
  mj_error_armed = 1;
  mj_step(m, d);
  mj_error_armed = 0;
  return 0;
}

static int guarded_forward(const mjModel *m, mjData *d) {
  if (setjmp(mj_error_jump)) return -1;
  mj_error_armed = 1;
  mj_forward(m, d);
  mj_error_armed = 0;
  return 0;
}

/* ---------------------------------------------------------------------------------------------- */
/* Geometry                                                                                       */

static double point_box_distance(const double p[3], const Box *b) {
  double s = 0;
  for (int k = 0; k < 3; k++) {
    double d = p[k] < b->lo[k] ? b->lo[k] - p[k] : p[k] > b->hi[k] ? p[k] - b->hi[k] : 0;
    s += d * d;
  }
  return sqrt(s);
}

static int boxes_touch(const Box *a, const Box *b) {
  for (int k = 0; k < 3; k++)
    if (a->lo[k] > b->hi[k] || b->lo[k] > a->hi[k]) return 0;
  return 1;
}

static int box_inside(const Box *in, const Box *out) {
  for (int k = 0; k < 3; k++)
    if (in->lo[k] < out->lo[k] - 1e-9 || in->hi[k] > out->hi[k] + 1e-9) return 0;
  return 1;
}

/* A local point of geom g in world coordinates: xmat is row-major, world = xpos + R * local. */
static void to_world(const mjData *d, int g, const double local[3], double out[3]) {
  const mjtNum *R = d->geom_xmat + 9 * g, *x = d->geom_xpos + 3 * g;
  for (int i = 0; i < 3; i++) out[i] = x[i] + R[3 * i] * local[0] + R[3 * i + 1] * local[1] + R[3 * i + 2] * local[2];
}

/* The world-aligned box holding geom g as placed now: exact for every shape but the plane (and
 * hfield), whose extent is taken from MuJoCo's bounding radius. */
static Box geom_aabb(const mjModel *m, const mjData *d, int g) {
  Box b;
  const mjtNum *R = d->geom_xmat + 9 * g, *x = d->geom_xpos + 3 * g, *s = m->geom_size + 3 * g;
  int type = m->geom_type[g];
  if (type == mjGEOM_MESH) {
    int mesh = m->geom_dataid[g];
    int adr = m->mesh_vertadr[mesh], n = m->mesh_vertnum[mesh];
    for (int k = 0; k < 3; k++) b.lo[k] = INFINITY, b.hi[k] = -INFINITY;
    for (int v = 0; v < n; v++) {
      double local[3] = {m->mesh_vert[3 * (adr + v)], m->mesh_vert[3 * (adr + v) + 1], m->mesh_vert[3 * (adr + v) + 2]};
      double w[3];
      to_world(d, g, local, w);
      for (int k = 0; k < 3; k++) {
        if (w[k] < b.lo[k]) b.lo[k] = w[k];
        if (w[k] > b.hi[k]) b.hi[k] = w[k];
      }
    }
    return b;
  }
  double half[3];
  switch (type) {
  case mjGEOM_SPHERE:
    for (int k = 0; k < 3; k++) b.lo[k] = x[k] - s[0], b.hi[k] = x[k] + s[0];
    return b;
  case mjGEOM_CAPSULE:
    for (int k = 0; k < 3; k++) {
      double e = fabs(R[3 * k + 2]) * s[1] + s[0];
      b.lo[k] = x[k] - e, b.hi[k] = x[k] + e;
    }
    return b;
  case mjGEOM_CYLINDER: half[0] = s[0], half[1] = s[0], half[2] = s[1]; break;
  case mjGEOM_BOX:
  case mjGEOM_ELLIPSOID: half[0] = s[0], half[1] = s[1], half[2] = s[2]; break;
  default: {
    double r = m->geom_rbound[g] > 0 ? m->geom_rbound[g] : 1e6;
    for (int k = 0; k < 3; k++) b.lo[k] = x[k] - r, b.hi[k] = x[k] + r;
    return b;
  }
  }
  for (int k = 0; k < 3; k++) {
    double e = fabs(R[3 * k]) * half[0] + fabs(R[3 * k + 1]) * half[1] + fabs(R[3 * k + 2]) * half[2];
    b.lo[k] = x[k] - e, b.hi[k] = x[k] + e;
  }
  return b;
}

/* Distance from geom g to a box, 0 when some point of the geom is inside it. Exact for spheres and
 * capsules; boxes, ellipsoids and cylinders are sampled at corners, edge and face centres (27
 * points) and meshes at their vertices, so a thin sliver crossing a zone between samples is
 * missed. */
static double geom_box_distance(const mjModel *m, const mjData *d, int g, const Box *box) {
  const mjtNum *s = m->geom_size + 3 * g;
  double best = INFINITY, w[3];
  switch (m->geom_type[g]) {
  case mjGEOM_SPHERE: {
    double dist = point_box_distance(d->geom_xpos + 3 * g, box) - s[0];
    return dist > 0 ? dist : 0;
  }
  case mjGEOM_CAPSULE:
  case mjGEOM_CYLINDER: {
    for (int i = 0; i <= 20; i++) {
      double local[3] = {0, 0, -s[1] + 2 * s[1] * i / 20.0};
      to_world(d, g, local, w);
      double dist = point_box_distance(w, box) - s[0];
      if (dist < best) best = dist;
    }
    return best > 0 ? best : 0;
  }
  case mjGEOM_MESH: {
    int mesh = m->geom_dataid[g];
    int adr = m->mesh_vertadr[mesh], n = m->mesh_vertnum[mesh];
    for (int v = 0; v < n; v++) {
      double local[3] = {m->mesh_vert[3 * (adr + v)], m->mesh_vert[3 * (adr + v) + 1], m->mesh_vert[3 * (adr + v) + 2]};
      to_world(d, g, local, w);
      double dist = point_box_distance(w, box);
      if (dist < best) best = dist;
    }
    return best;
  }
  default: {
    for (int i = -1; i <= 1; i++)
      for (int j = -1; j <= 1; j++)
        for (int k = -1; k <= 1; k++) {
          double local[3] = {i * s[0], j * s[1], k * s[2]};
          if (m->geom_type[g] == mjGEOM_ELLIPSOID && abs(i) + abs(j) + abs(k) > 1) continue;
          to_world(d, g, local, w);
          double dist = point_box_distance(w, box);
          if (dist < best) best = dist;
        }
    return best;
  }
  }
}

/* ---------------------------------------------------------------------------------------------- */
/* The solution's parts                                                                           */

typedef struct {
  int geoms[4096];
  int ngeoms;
  int bodies[MAX_PARTS];
  int nbodies; /* bodies checked against --bounds */
  int missing[MAX_PARTS];
  int nmissing; /* indices into Options.parts not found in the model */
} Parts;

static void add_geom(Parts *p, int g) {
  for (int i = 0; i < p->ngeoms; i++)
    if (p->geoms[i] == g) return;
  if (p->ngeoms < (int)(sizeof p->geoms / sizeof p->geoms[0])) p->geoms[p->ngeoms++] = g;
}

/* A body part brings its geoms and those of its descendants. */
static void resolve_parts(const Options *o, const mjModel *m, Parts *p) {
  memset(p, 0, sizeof *p);
  for (int i = 0; i < o->nparts; i++) {
    int b = mj_name2id(m, mjOBJ_BODY, o->parts[i]);
    int g = mj_name2id(m, mjOBJ_GEOM, o->parts[i]);
    if (b > 0) {
      if (p->nbodies < MAX_PARTS) p->bodies[p->nbodies++] = b;
      for (int gg = 0; gg < m->ngeom; gg++) {
        int bb = m->geom_bodyid[gg];
        while (bb > 0 && bb != b) bb = m->body_parentid[bb];
        if (bb == b) add_geom(p, gg);
      }
    } else if (g >= 0) {
      add_geom(p, g);
    } else {
      p->missing[p->nmissing++] = i;
    }
  }
}

/* ---------------------------------------------------------------------------------------------- */
/* Variants                                                                                       */

static const int FAIL_WARNINGS[] = {mjWARN_BADQACC, mjWARN_BADQVEL, mjWARN_BADQPOS, mjWARN_CONTACTFULL, mjWARN_CNSTRFULL};
static const char *FAIL_WARNING_NAMES[] = {"BADQACC", "BADQVEL", "BADQPOS", "CONTACTFULL", "CNSTRFULL"};
#define NFAIL_WARNINGS 5

typedef struct {
  const char *outcome; /* success | failure */
  const char *failure; /* timeout | forbid_contact | out_of_bounds | unstable | motor_saturated */
  char reason[ERROR_LEN];
  double time_to_goal; /* NAN unless success */
  double closest;      /* m, smallest distance of the moved object to the goal */
  double closest_at;
  double simulated;
} Variant;

static void failed(Variant *v, const char *kind, double t, const char *fmt, ...) {
  v->outcome = "failure";
  v->failure = kind;
  v->simulated = t;
  char text[ERROR_LEN - 40];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  snprintf(v->reason, sizeof v->reason, "at t=%.3f s: %s", t, text);
}

/* Distance of the moved object to a box: the smallest over the geoms of its body and children. */
static double payload_distance(const mjModel *m, const mjData *d, int payload, const Box *box) {
  double best = INFINITY;
  for (int g = 0; g < m->ngeom; g++) {
    int b = m->geom_bodyid[g];
    while (b > 0 && b != payload) b = m->body_parentid[b];
    if (b != payload) continue;
    double dist = geom_box_distance(m, d, g, box);
    if (dist < best) best = dist;
  }
  return best;
}

/* Checks that end a variant, at time t; returns 1 when it has ended. */
static int judge(const Options *o, const mjModel *m, const mjData *d, int payload, const Parts *parts, double t,
                 int warnings_at_start[], double *saturated_since, Variant *v) {
  double dist = payload_distance(m, d, payload, &o->goal);
  if (dist < v->closest) v->closest = dist, v->closest_at = t;
  if (dist <= 0) {
    v->outcome = "success";
    v->time_to_goal = t;
    v->simulated = t;
    return 1;
  }
  for (int z = 0; z < o->nforbid; z++) {
    if (payload_distance(m, d, payload, &o->forbid[z].box) <= 0) {
      failed(v, "forbid_contact", t, "the moved object touches forbid zone '%s'", o->forbid[z].name);
      return 1;
    }
    for (int i = 0; i < parts->ngeoms; i++) {
      Box a = geom_aabb(m, d, parts->geoms[i]);
      if (boxes_touch(&a, &o->forbid[z].box)) {
        const char *name = mj_id2name(m, mjOBJ_GEOM, parts->geoms[i]);
        failed(v, "forbid_contact", t, "part geom '%s' touches forbid zone '%s'", name ? name : "(unnamed)",
               o->forbid[z].name);
        return 1;
      }
    }
  }
  if (o->has_bounds) {
    if (point_box_distance(d->xpos + 3 * payload, &o->bounds) > 0) {
      failed(v, "out_of_bounds", t, "the moved object left the simulation bounds");
      return 1;
    }
    for (int i = 0; i < parts->nbodies; i++)
      if (point_box_distance(d->xpos + 3 * parts->bodies[i], &o->bounds) > 0) {
        failed(v, "out_of_bounds", t, "part body '%s' left the simulation bounds",
               mj_id2name(m, mjOBJ_BODY, parts->bodies[i]));
        return 1;
      }
  }
  for (int i = 0; i < NFAIL_WARNINGS; i++)
    if (d->warning[FAIL_WARNINGS[i]].number > warnings_at_start[i]) {
      failed(v, "unstable", t, "MuJoCo warning %s%s%s", FAIL_WARNING_NAMES[i], last_warning[0] ? ": " : "",
             last_warning);
      return 1;
    }
  for (int i = 0; i < m->nq; i++)
    if (!isfinite(d->qpos[i]) || fabs(d->qpos[i]) > o->max_qpos) {
      failed(v, "unstable", t, "qpos is NaN or over the limit %g", o->max_qpos);
      return 1;
    }
  for (int b = 1; b < m->nbody; b++) {
    mjtNum vel[6];
    mj_objectVelocity(m, d, mjOBJ_BODY, b, vel, 0);
    double speed = sqrt(vel[3] * vel[3] + vel[4] * vel[4] + vel[5] * vel[5]);
    if (!isfinite(speed) || speed > o->max_speed) {
      const char *name = mj_id2name(m, mjOBJ_BODY, b);
      failed(v, "unstable", t, "body '%s' moves at %g m/s", name ? name : "(unnamed)", speed);
      return 1;
    }
  }
  for (int a = 0; a < m->nu; a++) {
    if (!m->actuator_forcelimited[a]) continue;
    double lo = m->actuator_forcerange[2 * a], hi = m->actuator_forcerange[2 * a + 1];
    double f = d->actuator_force[a];
    int sat = (hi > 0 && f >= o->saturation_fraction * hi) || (lo < 0 && f <= o->saturation_fraction * lo);
    if (!sat) {
      saturated_since[a] = NAN;
    } else if (isnan(saturated_since[a])) {
      saturated_since[a] = t;
    } else if (t - saturated_since[a] >= o->saturation_seconds) {
      const char *name = mj_id2name(m, mjOBJ_ACTUATOR, a);
      failed(v, "motor_saturated", t, "actuator '%s' held >= %g%% of its force range for %g s", name ? name : "(unnamed)",
             100 * o->saturation_fraction, o->saturation_seconds);
      return 1;
    }
  }
  return 0;
}

static void run_variant(const Options *o, const mjModel *m0, mjModel *m, mjData *d, int payload, const Parts *parts,
                        const double offset[3], Variant *v) {
  memset(v, 0, sizeof *v);
  v->time_to_goal = NAN;
  v->closest = INFINITY;
  v->closest_at = 0;
  /* A free joint moves the object through qpos; an object fixed or jointed otherwise is moved by
   * its body position in the model (restored from the pristine copy for the next variant). */
  mju_copy(m->body_pos, m0->body_pos, 3 * m->nbody);
  mj_resetData(m, d);
  int jnt = m->body_jntnum[payload] > 0 ? m->body_jntadr[payload] : -1;
  if (jnt >= 0 && m->jnt_type[jnt] == mjJNT_FREE) {
    for (int k = 0; k < 3; k++) d->qpos[m->jnt_qposadr[jnt] + k] += offset[k];
  } else {
    for (int k = 0; k < 3; k++) m->body_pos[3 * payload + k] += offset[k];
  }
  last_warning[0] = 0;
  double saturated_since[m->nu > 0 ? m->nu : 1];
  for (int a = 0; a < m->nu; a++) saturated_since[a] = NAN;
  int warnings_at_start[NFAIL_WARNINGS] = {0};
  if (guarded_forward(m, d) != 0) {
    failed(v, "unstable", 0, "MuJoCo error at t=0: %s", mj_error_text);
    return;
  }
  if (judge(o, m, d, payload, parts, 0, warnings_at_start, saturated_since, v)) return;
  double dt = m->opt.timestep;
  long steps = (long)ceil(o->duration / dt - 1e-9);
  for (long i = 1; i <= steps; i++) {
    double t = i * dt;
    if (guarded_step(m, d) != 0) {
      failed(v, "unstable", t, "MuJoCo error: %s", mj_error_text);
      return;
    }
    /* mj_step leaves positions of the pre-step state in xpos; recompute them for time t. */
    mj_kinematics(m, d);
    if (judge(o, m, d, payload, parts, t, warnings_at_start, saturated_since, v)) return;
  }
  failed(v, "timeout", o->duration, "the moved object did not reach the goal within %g s (closest %.4f m)",
         o->duration, v->closest);
}

/* ---------------------------------------------------------------------------------------------- */
/* Arguments                                                                                      */

static int parse_numbers(const char *flag, const char *text, double *out, int n) {
  const char *p = text;
  for (int i = 0; i < n; i++) {
    char *end;
    errno = 0;
    out[i] = strtod(p, &end);
    if (errno || end == p || !isfinite(out[i]) || (i < n - 1 ? *end != ',' : *end != '\0')) {
      snprintf(usage_error, sizeof usage_error, "%s: expected %d comma-separated numbers, got '%s'", flag, n, text);
      return -1;
    }
    p = end + 1;
  }
  return 0;
}

static int parse_box(const char *flag, const char *text, Box *b) {
  double v[6];
  if (parse_numbers(flag, text, v, 6)) return -1;
  for (int k = 0; k < 3; k++) {
    b->lo[k] = v[k], b->hi[k] = v[k + 3];
    if (b->lo[k] > b->hi[k]) {
      snprintf(usage_error, sizeof usage_error, "%s: min exceeds max on axis %c in '%s'", flag, "xyz"[k], text);
      return -1;
    }
  }
  return 0;
}

static int parse_args(int argc, char **argv, Options *o) {
  o->duration = 10;
  o->saturation_fraction = 0.9;
  o->saturation_seconds = 2;
  o->max_qpos = 1e4;
  o->max_speed = 100;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) return 1;
    if (strncmp(a, "--", 2) != 0) {
      if (o->file) {
        snprintf(usage_error, sizeof usage_error, "exactly one model file expected");
        return -1;
      }
      o->file = a;
      continue;
    }
    if (i + 1 >= argc) {
      snprintf(usage_error, sizeof usage_error, "%s needs a value", a);
      return -1;
    }
    char *v = argv[++i];
    int rc = 0;
    if (strcmp(a, "--payload") == 0) o->payload = v;
    else if (strcmp(a, "--goal") == 0) rc = parse_box(a, v, &o->goal), o->has_goal = 1;
    else if (strcmp(a, "--build-zone") == 0) rc = parse_box(a, v, &o->build), o->has_build = 1;
    else if (strcmp(a, "--bounds") == 0) rc = parse_box(a, v, &o->bounds), o->has_bounds = 1;
    else if (strcmp(a, "--forbid") == 0) {
      char *eq = strchr(v, '=');
      if (!eq || eq == v || o->nforbid >= MAX_FORBID) {
        snprintf(usage_error, sizeof usage_error, "--forbid: expected NAME=X0,Y0,Z0,X1,Y1,Z1 (at most %d), got '%s'",
                 MAX_FORBID, v);
        return -1;
      }
      *eq = '\0';
      o->forbid[o->nforbid].name = v;
      rc = parse_box(a, eq + 1, &o->forbid[o->nforbid++].box);
    } else if (strcmp(a, "--part") == 0) {
      if (o->nparts >= MAX_PARTS) {
        snprintf(usage_error, sizeof usage_error, "--part: at most %d", MAX_PARTS);
        return -1;
      }
      o->parts[o->nparts++] = v;
    } else if (strcmp(a, "--offset") == 0) {
      if (o->nvariants >= MAX_VARIANTS) {
        snprintf(usage_error, sizeof usage_error, "--offset: at most %d variants", MAX_VARIANTS);
        return -1;
      }
      rc = parse_numbers(a, v, o->offsets[o->nvariants++], 3);
    } else if (strcmp(a, "--duration") == 0) {
      rc = parse_numbers(a, v, &o->duration, 1);
      if (!rc && (o->duration <= 0 || o->duration > HARD_CAP_SECONDS)) {
        snprintf(usage_error, sizeof usage_error, "--duration must be > 0 and at most %g s", HARD_CAP_SECONDS);
        rc = -1;
      }
    } else if (strcmp(a, "--saturation-fraction") == 0) rc = parse_numbers(a, v, &o->saturation_fraction, 1);
    else if (strcmp(a, "--saturation-seconds") == 0) rc = parse_numbers(a, v, &o->saturation_seconds, 1);
    else if (strcmp(a, "--max-qpos") == 0) rc = parse_numbers(a, v, &o->max_qpos, 1);
    else if (strcmp(a, "--max-speed") == 0) rc = parse_numbers(a, v, &o->max_speed, 1);
    else {
      snprintf(usage_error, sizeof usage_error, "unknown flag %s", a);
      return -1;
    }
    if (rc) return -1;
  }
  if (!o->file) snprintf(usage_error, sizeof usage_error, "no model file given");
  else if (!o->payload) snprintf(usage_error, sizeof usage_error, "--payload is required");
  else if (!o->has_goal) snprintf(usage_error, sizeof usage_error, "--goal is required");
  else {
    if (o->nvariants == 0) o->nvariants = 1; /* offsets are zero-initialised */
    return 0;
  }
  return -1;
}

/* ---------------------------------------------------------------------------------------------- */

static void print_head(const Options *o, const char *verdict, int ok) {
  fputs("{\"file\":", stdout);
  json_string(stdout, o->file);
  fprintf(stdout, ",\"ok\":%s,\"verdict\":", ok ? "true" : "false");
  json_string(stdout, verdict);
  fputs(",\"mujoco_version\":", stdout);
  json_string(stdout, mj_versionString());
  fputs(",\"duration\":", stdout);
  json_number(stdout, o->duration);
}

int main(int argc, char **argv) {
  static Options o;
  int rc = parse_args(argc, argv, &o);
  if (rc == 1) {
    usage(stdout);
    return EXIT_PASS;
  }
  if (rc == 0 && access(o.file, R_OK) != 0) {
    snprintf(usage_error, sizeof usage_error, "cannot read %s: %s", o.file, strerror(errno));
    rc = -1;
  }
  if (rc < 0) {
    fputs("{\"file\":", stdout);
    json_string(stdout, o.file);
    fputs(",\"ok\":false,\"verdict\":\"usage_error\",\"error\":", stdout);
    json_string(stdout, usage_error);
    fputs("}\n", stdout);
    fprintf(stderr, "mjcf-sim: %s\n", usage_error);
    usage(stderr);
    return EXIT_USAGE;
  }
  mju_user_error = on_mj_error;
  mju_user_warning = on_mj_warning;
  if (MJ_PLUGIN_DIR[0] && access(MJ_PLUGIN_DIR, R_OK) == 0) mj_loadAllPluginLibraries(MJ_PLUGIN_DIR, NULL);

  char error[ERROR_LEN] = "";
  mjModel *m = mj_loadXML(o.file, NULL, error, sizeof error);
  if (!m) {
    print_head(&o, "compile_error", 0);
    fputs(",\"error\":", stdout);
    json_string(stdout, error[0] ? error : "mj_loadXML failed");
    fputs("}\n", stdout);
    return EXIT_FAIL;
  }
  mjModel *m0 = mj_copyModel(NULL, m);
  mjData *d = mj_makeData(m);
  int payload = mj_name2id(m, mjOBJ_BODY, o.payload);
  static Parts parts;
  resolve_parts(&o, m, &parts);

  /* Placement at t=0, before the moved object is shifted: every part inside the build zone and
   * clear of every forbid zone. Reported all at once, so one fix round sees every problem. */
  mj_forward(m, d);
  int nproblems = 0;
  static char problems[MAX_PROBLEMS][400];
  if (payload <= 0)
    snprintf(problems[nproblems++], 400, "the moved object's body '%s' is not in the scene", o.payload);
  for (int i = 0; i < parts.nmissing && nproblems < MAX_PROBLEMS; i++)
    snprintf(problems[nproblems++], 400, "part '%s' is neither a body nor a geom of the scene", o.parts[parts.missing[i]]);
  for (int i = 0; i < parts.ngeoms && nproblems < MAX_PROBLEMS; i++) {
    int g = parts.geoms[i];
    const char *name = mj_id2name(m, mjOBJ_GEOM, g);
    const char *body = mj_id2name(m, mjOBJ_BODY, m->geom_bodyid[g]);
    Box b = geom_aabb(m, d, g);
    if (o.has_build && !box_inside(&b, &o.build))
      snprintf(problems[nproblems++], 400,
               "part geom '%s' (body '%s') spans [%.4f, %.4f, %.4f]..[%.4f, %.4f, %.4f], outside the build zone",
               name ? name : "(unnamed)", body ? body : "world", b.lo[0], b.lo[1], b.lo[2], b.hi[0], b.hi[1], b.hi[2]);
    for (int z = 0; z < o.nforbid && nproblems < MAX_PROBLEMS; z++)
      if (boxes_touch(&b, &o.forbid[z].box))
        snprintf(problems[nproblems++], 400, "part geom '%s' touches forbid zone '%s' at t=0", name ? name : "(unnamed)",
                 o.forbid[z].name);
  }
  if (nproblems > 0) {
    print_head(&o, "placement_error", 0);
    fputs(",\"problems\":[", stdout);
    for (int i = 0; i < nproblems; i++) {
      if (i) fputc(',', stdout);
      json_string(stdout, problems[i]);
    }
    fputs("],\"build_zone\":", stdout);
    if (o.has_build) json_box(stdout, &o.build);
    else fputs("null", stdout);
    fputs("}\n", stdout);
    return EXIT_FAIL;
  }

  static Variant variants[MAX_VARIANTS];
  int passed = 0;
  for (int i = 0; i < o.nvariants; i++) {
    run_variant(&o, m0, m, d, payload, &parts, o.offsets[i], &variants[i]);
    if (strcmp(variants[i].outcome, "success") == 0) passed++;
  }
  int ok = passed == o.nvariants;
  print_head(&o, ok ? "passed" : "failed", ok);
  fprintf(stdout, ",\"passed\":%d,\"total\":%d,\"timestep\":", passed, o.nvariants);
  json_number(stdout, m->opt.timestep);
  fputs(",\"goal\":", stdout);
  json_box(stdout, &o.goal);
  fputs(",\"variants\":[", stdout);
  for (int i = 0; i < o.nvariants; i++) {
    const Variant *v = &variants[i];
    fprintf(stdout, "%s{\"index\":%d,\"offset\":[", i ? "," : "", i + 1);
    for (int k = 0; k < 3; k++) {
      if (k) fputc(',', stdout);
      json_number(stdout, o.offsets[i][k]);
    }
    fputs("],\"outcome\":", stdout);
    json_string(stdout, v->outcome);
    fputs(",\"failure\":", stdout);
    json_string(stdout, v->failure);
    fputs(",\"reason\":", stdout);
    json_string(stdout, v->reason[0] ? v->reason : NULL);
    fputs(",\"time_to_goal\":", stdout);
    json_number(stdout, v->time_to_goal);
    fputs(",\"closest_distance\":", stdout);
    json_number(stdout, v->closest);
    fputs(",\"closest_at\":", stdout);
    json_number(stdout, v->closest_at);
    fputs(",\"simulated\":", stdout);
    json_number(stdout, v->simulated);
    fputc('}', stdout);
  }
  fputs("]}\n", stdout);
  mj_deleteData(d);
  mj_deleteModel(m0);
  mj_deleteModel(m);
  return ok ? EXIT_PASS : EXIT_FAIL;
}
