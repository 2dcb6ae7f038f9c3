/*
 * mjcf-check: validates an MJCF (MuJoCo XML) scene and prints one JSON report on stdout.
 *
 *   mjcf-check [flags] FILE.xml
 *
 * Three checks, in the order the verdict reports them (see docs/domain.md, "Validation in MuJoCo"):
 *   1. compile      MuJoCo's own parser and compiler are the truth; its message and line are kept.
 *   2. intersection after mj_forward at the initial state, a contact deeper than the tolerance
 *                   between geoms not explicitly allowed to touch.
 *   3. stability    stepping for an observation window must not raise MuJoCo's warnings, push
 *                   |qpos| or a body's speed over a limit, or produce NaN.
 * Checks 2 and 3 both run whenever the model compiles, so one report says everything that is wrong.
 *
 * Exit status: 0 the model passes, 1 it fails a check, 2 usage error (bad flags, unreadable file).
 * stdout carries exactly one JSON object in every case (--help aside); diagnostics go to stderr.
 *
 * Written against MuJoCo 3.14.0, the library the mujoco Python wheel ships (the image links to it
 * with an rpath): model sizes are mjtSize (64-bit), contacts name their geoms in geom[2] (-1 for a
 * flex), contact and constraint memory comes from one arena (<size memory>), and the plugin
 * libraries next to the library (elasticity, actuator, sensor, sdf) are loaded before compiling.
 */
#define _POSIX_C_SOURCE 200809L

#include <mujoco/mujoco.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum { EXIT_PASS = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Fixed bounds, so a hostile or merely huge model cannot make the checker allocate without limit. */
#define MAX_ALLOW 128            /* --allow-contact pairs */
#define MAX_INTERSECTIONS 256    /* distinct geom pairs listed; more are only counted */
#define MAX_MESSAGES 8           /* MuJoCo warning texts kept */
#define MESSAGE_LEN 300
#define ERROR_LEN 1024
#define NAME_LEN 128
#define MAX_POSE_VALUES (4L * 1024 * 1024) /* doubles kept for --poses-every (32 MiB) */

/* Where MuJoCo's plugin libraries live in the image; the Dockerfile passes the wheel's folder. */
#ifndef MJ_PLUGIN_DIR
#define MJ_PLUGIN_DIR ""
#endif

/* ---------------------------------------------------------------------------------------------- */
/* Options                                                                                        */

typedef struct {
  const char *a, *b; /* body or geom names (or "geom#N"/"body#N" labels) */
} AllowPair;

typedef struct {
  const char *file;
  double tolerance; /* m; docs/domain.md: 1 mm, MuJoCo's default solimp width */
  double duration;  /* s of simulated time */
  double timestep;  /* s; <= 0 keeps the model's own */
  double max_qpos;
  double max_speed; /* m/s, linear speed of a body's centre of mass */
  long max_steps;   /* caps the loop when a model declares a tiny timestep */
  long poses_every; /* 0: no poses */
  int scene;        /* --scene: export the compiled scene */
  AllowPair allow[MAX_ALLOW];
  int nallow;
} Options;

static void usage(FILE *out) {
  fputs("usage: mjcf-check [flags] FILE.xml\n"
        "  --tolerance M           penetration depth counted as an intersection (default 0.001)\n"
        "  --allow-contact A:B     body or geom names allowed to touch (repeatable)\n"
        "  --duration S            simulated seconds for the stability check (default 1.5)\n"
        "  --timestep S            override the model's timestep (default: keep it)\n"
        "  --max-qpos X            largest |qpos| accepted (default 1e4)\n"
        "  --max-speed V           largest body speed accepted, m/s (default 100)\n"
        "  --max-steps N           stop stepping after N steps (default 1000000)\n"
        "  --poses-every K         record body poses every K steps (default 0: none)\n"
        "  --scene                 add the compiled scene (bodies, geoms, meshes, flexes, height\n"
        "                          fields) at qpos0 to the report; with --duration 0, nothing is stepped\n"
        "Prints one JSON object on stdout. Exit 0: passes, 1: fails a check, 2: usage error.\n",
        out);
}

/* ---------------------------------------------------------------------------------------------- */
/* JSON output                                                                                    */

/* Writes s as a JSON string. Bytes that are not valid UTF-8 become U+FFFD: MuJoCo messages quote
 * file names and XML text verbatim, and one stray byte would make the whole report unparseable. */
static void json_string(FILE *out, const char *s) {
  if (!s) {
    fputs("null", out);
    return;
  }
  const unsigned char *p = (const unsigned char *)s;
  fputc('"', out);
  while (*p) {
    unsigned char c = *p;
    if (c == '"' || c == '\\') {
      fputc('\\', out);
      fputc(c, out);
      p++;
    } else if (c == '\n') {
      fputs("\\n", out);
      p++;
    } else if (c == '\t') {
      fputs("\\t", out);
      p++;
    } else if (c == '\r') {
      fputs("\\r", out);
      p++;
    } else if (c < 0x20 || c == 0x7f) {
      fprintf(out, "\\u%04x", c);
      p++;
    } else if (c < 0x80) {
      fputc(c, out);
      p++;
    } else {
      /* Length of the sequence from its lead byte; reject overlong and surrogate forms only
       * loosely (lead byte ranges and continuation bytes), which is enough for valid JSON. */
      int len = (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3 : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
      int ok = len > 0;
      for (int i = 1; ok && i < len; i++) ok = (p[i] & 0xc0) == 0x80;
      if (ok) {
        fwrite(p, 1, (size_t)len, out);
        p += len;
      } else {
        fputs("\\ufffd", out);
        p++;
      }
    }
  }
  fputc('"', out);
}

/* JSON has no NaN or infinity; those become null. */
static void json_number(FILE *out, double x) {
  if (isfinite(x))
    fprintf(out, "%.9g", x);
  else
    fputs("null", out);
}

static void json_bool(FILE *out, int b) { fputs(b ? "true" : "false", out); }

/* ---------------------------------------------------------------------------------------------- */
/* MuJoCo error and warning hooks                                                                 */

/* MuJoCo's default handlers print to stdout (which must carry only JSON), append to
 * MUJOCO_LOG.TXT in the working directory, and on error call exit(1). A user error handler is
 * expected not to return, so errors jump back to the guarded call that raised them. */
static jmp_buf mj_error_jump;
static int mj_error_armed;
static char mj_error_text[ERROR_LEN];

static char warning_texts[MAX_MESSAGES][MESSAGE_LEN];
static int nwarning_texts;
static long warning_texts_dropped;

static void on_mj_error(const char *msg) {
  snprintf(mj_error_text, sizeof mj_error_text, "%s", msg ? msg : "");
  if (mj_error_armed) {
    mj_error_armed = 0;
    longjmp(mj_error_jump, 1);
  }
  /* An error outside a guarded call: nothing sane to return to. Still emit one JSON object. */
  fputs("{\"ok\":false,\"verdict\":\"internal_error\",\"error\":", stdout);
  json_string(stdout, mj_error_text);
  fputs("}\n", stdout);
  fflush(stdout);
  _exit(EXIT_FAIL);
}

static void on_mj_warning(const char *msg) {
  if (nwarning_texts < MAX_MESSAGES)
    snprintf(warning_texts[nwarning_texts++], MESSAGE_LEN, "%s", msg ? msg : "");
  else
    warning_texts_dropped++;
}

/* Each guard holds its own setjmp so no local of the caller lives across a longjmp. They return
 * 0 on success and -1 when MuJoCo raised an error (text in mj_error_text). */
static int guarded_forward(const mjModel *m, mjData *d) {
  if (setjmp(mj_error_jump)) return -1;
  mj_error_armed = 1;
  mj_forward(m, d);
  mj_error_armed = 0;
  return 0;
}

static int guarded_step(const mjModel *m, mjData *d) {
  if (setjmp(mj_error_jump)) return -1;
  mj_error_armed = 1;
  mj_step(m, d);
  mj_error_armed = 0;
  return 0;
}

static int guarded_make_data(const mjModel *m, mjData **out) {
  *out = NULL;
  if (setjmp(mj_error_jump)) return -1;
  mj_error_armed = 1;
  *out = mj_makeData(m);
  mj_error_armed = 0;
  return *out ? 0 : -1;
}

/* ---------------------------------------------------------------------------------------------- */
/* Names                                                                                          */

/* An object's name, or "geom#3"-style label when it has none, so every object can be reported
 * and named in --allow-contact. */
static const char *label(const mjModel *m, int type, int id, char *buf, size_t size) {
  const char *name = mj_id2name(m, type, id);
  if (name && *name) return name;
  snprintf(buf, size, "%s#%d", type == mjOBJ_GEOM ? "geom" : "body", id);
  return buf;
}

static int names_match(const char *pattern, const mjModel *m, int geom, int body) {
  char gbuf[NAME_LEN], bbuf[NAME_LEN];
  return strcmp(pattern, label(m, mjOBJ_GEOM, geom, gbuf, sizeof gbuf)) == 0 ||
         strcmp(pattern, label(m, mjOBJ_BODY, body, bbuf, sizeof bbuf)) == 0;
}

static int contact_allowed(const Options *o, const mjModel *m, int g1, int g2) {
  int b1 = m->geom_bodyid[g1], b2 = m->geom_bodyid[g2];
  for (int i = 0; i < o->nallow; i++) {
    const AllowPair *p = &o->allow[i];
    if ((names_match(p->a, m, g1, b1) && names_match(p->b, m, g2, b2)) ||
        (names_match(p->a, m, g2, b2) && names_match(p->b, m, g1, b1)))
      return 1;
  }
  return 0;
}

/* ---------------------------------------------------------------------------------------------- */
/* Compile errors                                                                                 */

/* MuJoCo words the location differently per source: tinyxml2 syntax errors say
 * "... Line number=7" (or "line 7"), schema and compiler errors say "Element 'geom', line 7".
 * The last "line" followed by digits is taken: the element line follows the generic text. */
static long error_line(const char *msg) {
  long line = -1;
  for (const char *p = msg; *p; p++) {
    if (tolower((unsigned char)p[0]) != 'l' || strncasecmp(p, "line", 4) != 0) continue;
    if (p > msg && isalpha((unsigned char)p[-1])) continue; /* "inline", "spline" */
    const char *q = p + 4;
    if (strncasecmp(q, " number", 7) == 0) q += 7;
    while (*q == ' ' || *q == '=' || *q == ':') q++;
    if (isdigit((unsigned char)*q)) {
      errno = 0;
      long v = strtol(q, NULL, 10);
      if (errno == 0 && v > 0) line = v;
    }
  }
  return line;
}

/* ---------------------------------------------------------------------------------------------- */
/* Intersections                                                                                  */

typedef struct {
  int geom1, geom2;
  double depth; /* positive metres of penetration, the deepest contact of the pair */
} Intersection;

typedef struct {
  Intersection list[MAX_INTERSECTIONS];
  int n;
  long unlisted; /* distinct pairs beyond MAX_INTERSECTIONS */
  int ncon;      /* contacts MuJoCo found at t=0 */
  int nflex;     /* of those, contacts involving a flex (not checked: no geom pair to name) */
} Intersections;

static void find_intersections(const Options *o, const mjModel *m, const mjData *d, Intersections *out) {
  memset(out, 0, sizeof *out);
  out->ncon = d->ncon;
  for (int i = 0; i < d->ncon; i++) {
    const mjContact *c = &d->contact[i];
    if (c->geom[0] < 0 || c->geom[1] < 0) { /* a flex vertex or element: geom id -1 */
      out->nflex++;
      continue;
    }
    if (!(c->dist < -o->tolerance)) continue; /* also skips NaN */
    int g1 = c->geom[0] < c->geom[1] ? c->geom[0] : c->geom[1];
    int g2 = c->geom[0] < c->geom[1] ? c->geom[1] : c->geom[0];
    if (contact_allowed(o, m, g1, g2)) continue;
    /* Box-box and mesh pairs yield several contacts per pair; report the pair once. */
    int j = 0;
    while (j < out->n && !(out->list[j].geom1 == g1 && out->list[j].geom2 == g2)) j++;
    if (j < out->n) {
      if (-c->dist > out->list[j].depth) out->list[j].depth = -c->dist;
    } else if (out->n < MAX_INTERSECTIONS) {
      out->list[out->n++] = (Intersection){g1, g2, -c->dist};
    } else {
      out->unlisted++; /* may count a pair twice once the list is full; it is only a hint */
    }
  }
}

/* ---------------------------------------------------------------------------------------------- */
/* Stability                                                                                      */

/* The warnings that fail a model. INERTIA, VGEOMFULL and BADCTRL are left out: the first is
 * raised for legitimately thin bodies, the second concerns rendering, the third the controller. */
static const struct {
  int id;
  const char *name;
} FAIL_WARNINGS[] = {
    {mjWARN_BADQACC, "BADQACC"},       {mjWARN_BADQVEL, "BADQVEL"},   {mjWARN_BADQPOS, "BADQPOS"},
    {mjWARN_CONTACTFULL, "CONTACTFULL"}, {mjWARN_CNSTRFULL, "CNSTRFULL"},
};
#define NFAIL_WARNINGS ((int)(sizeof FAIL_WARNINGS / sizeof FAIL_WARNINGS[0]))

typedef struct {
  long steps_planned, steps_done;
  int truncated;       /* steps_planned was capped by --max-steps */
  double timestep;
  double time;         /* simulated time reached */
  int warnings[NFAIL_WARNINGS];
  double max_abs_qpos;
  double max_body_speed;
  int fastest_body; /* -1: none */
  char reason[ERROR_LEN];
  int failed;
  double failed_at; /* simulated time of the failure */
} Stability;

typedef struct {
  long every;
  int nbody;     /* bodies 1..nbody-1: the world body never moves */
  long nframes;
  int truncated; /* MAX_POSE_VALUES reached */
  double *t;     /* nframes */
  double *pos;   /* nframes x (nbody-1) x 3 */
  double *quat;  /* nframes x (nbody-1) x 4 */
  long capacity; /* frames */
} Poses;

/* Times are passed in rather than read from d->time: after a bad value MuJoCo resets the whole
 * state, time included, within the same mj_step. */
static void fail(Stability *s, double t, const char *fmt, ...) {
  if (s->failed) return; /* the first cause is the one worth reporting */
  s->failed = 1;
  s->failed_at = t;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(s->reason, sizeof s->reason, fmt, ap);
  va_end(ap);
}

/* Reads the warning counters; MuJoCo resets the state after a bad qpos/qvel/qacc, so after such a
 * step the numbers look healthy again and only these counters remember what happened. */
static void check_warnings(Stability *s, const mjData *d, double t) {
  for (int i = 0; i < NFAIL_WARNINGS; i++) {
    int n = d->warning[FAIL_WARNINGS[i].id].number;
    if (n > s->warnings[i]) {
      s->warnings[i] = n;
      fail(s, t, "MuJoCo warning %s%s%s", FAIL_WARNINGS[i].name, nwarning_texts ? ": " : "",
           nwarning_texts ? warning_texts[nwarning_texts - 1] : "");
    }
  }
}

static void check_state(const Options *o, Stability *s, const mjModel *m, mjData *d, double t) {
  for (int i = 0; i < m->nq; i++) {
    double q = d->qpos[i];
    if (isnan(q)) {
      fail(s, t, "qpos[%d] is NaN", i);
      continue;
    }
    if (fabs(q) > s->max_abs_qpos) s->max_abs_qpos = fabs(q);
    if (fabs(q) > o->max_qpos) fail(s, t, "|qpos[%d]| = %g exceeds %g", i, fabs(q), o->max_qpos);
  }
  for (int i = 0; i < m->nv; i++)
    if (isnan(d->qvel[i])) fail(s, t, "qvel[%d] is NaN", i);
  /* mj_objectVelocity reads cvel, which mj_step computed before integrating: the speed checked is
   * that of the state one step earlier. A runaway body is still caught, one step later. */
  for (int b = 1; b < m->nbody; b++) {
    mjtNum v[6];
    mj_objectVelocity(m, d, mjOBJ_BODY, b, v, 0);
    double speed = sqrt(v[3] * v[3] + v[4] * v[4] + v[5] * v[5]);
    if (isnan(speed)) {
      char buf[NAME_LEN];
      fail(s, t, "velocity of body %s is NaN", label(m, mjOBJ_BODY, b, buf, sizeof buf));
      continue;
    }
    if (speed > s->max_body_speed) {
      s->max_body_speed = speed;
      s->fastest_body = b;
    }
    if (speed > o->max_speed) {
      char buf[NAME_LEN];
      fail(s, t, "body %s moves at %g m/s, over %g", label(m, mjOBJ_BODY, b, buf, sizeof buf), speed,
           o->max_speed);
    }
  }
}

static void record_pose(Poses *p, const mjData *d, double t) {
  if (p->nbody < 2) return;
  if (p->nframes >= p->capacity) {
    p->truncated = 1;
    return;
  }
  int nb = p->nbody - 1;
  long f = p->nframes++;
  p->t[f] = t;
  memcpy(p->pos + f * nb * 3, d->xpos + 3, sizeof(double) * 3 * (size_t)nb);
  memcpy(p->quat + f * nb * 4, d->xquat + 4, sizeof(double) * 4 * (size_t)nb);
}

/* Sized for the frames the run will record, capped by MAX_POSE_VALUES; failing to get the memory
 * only loses the poses, not the check. */
static void alloc_poses(Poses *p, const mjModel *m, long every, long steps) {
  p->every = every;
  p->nbody = m->nbody;
  if (every <= 0 || m->nbody < 2) return; /* only the world body: nothing to play back */
  long per_frame = 7L * (m->nbody - 1) + 1;
  long wanted = steps / every + 1;
  long cap = MAX_POSE_VALUES / per_frame;
  p->capacity = wanted < cap ? wanted : cap;
  if (p->capacity < 1) p->capacity = 1;
  p->t = malloc(sizeof(double) * (size_t)p->capacity);
  p->pos = malloc(sizeof(double) * 3 * (size_t)p->capacity * (size_t)(m->nbody - 1));
  p->quat = malloc(sizeof(double) * 4 * (size_t)p->capacity * (size_t)(m->nbody - 1));
  if (!p->t || !p->pos || !p->quat) {
    fprintf(stderr, "mjcf-check: out of memory for poses; not recording them\n");
    p->capacity = 0;
  }
}

static void simulate(const Options *o, Stability *s, Poses *p, const mjModel *m, mjData *d) {
  double dt = m->opt.timestep;
  int dt_ok = dt > 0 && isfinite(dt);
  s->timestep = dt;
  s->fastest_body = -1;
  if (dt_ok) {
    double planned = ceil(o->duration / dt - 1e-9);
    s->truncated = planned > (double)o->max_steps;
    s->steps_planned = s->truncated ? o->max_steps : (long)planned;
  }
  alloc_poses(p, m, o->poses_every, s->steps_planned);

  /* Warnings raised by the initial mj_forward (a full contact buffer at t=0) count too. */
  check_warnings(s, d, 0);
  check_state(o, s, m, d, 0);
  if (p->every > 0) record_pose(p, d, 0);
  if (!dt_ok) {
    fail(s, 0, "timestep %g is not a positive number", dt);
    return;
  }
  /* Stepping on after the first failure would only simulate MuJoCo's reset state. */
  for (long i = 1; i <= s->steps_planned && !s->failed; i++) {
    double t = (double)i * dt;
    if (guarded_step(m, d) != 0) {
      fail(s, t, "MuJoCo error: %s", mj_error_text);
      break;
    }
    s->steps_done = i;
    s->time = t;
    check_warnings(s, d, t);
    check_state(o, s, m, d, t);
    if (p->every > 0 && i % p->every == 0 && !s->failed) {
      /* xpos/xquat after mj_step still describe the pre-step state; recompute them for time t. */
      mj_kinematics(m, d);
      record_pose(p, d, t);
    }
  }
}

/* ---------------------------------------------------------------------------------------------- */
/* Compiled scene (--scene)                                                                       */

/* What MuJoCo compiled, for a viewer to draw without re-implementing the compiler: bodies with
 * their world pose at qpos0, geoms relative to their body, mesh vertices and faces, flex vertices
 * in world coordinates, height fields. The large arrays (mesh, flex and height field data) share
 * one budget of numbers; an array that would exceed it is written empty and named in
 * truncated_reason, so the report stays bounded whatever the model. */
#define MAX_SCENE_NUMBERS (32L * 1024 * 1024)

typedef struct {
  long numbers; /* written so far */
  int truncated;
  char reason[ERROR_LEN];
} SceneBudget;

/* Floats (mesh vertices, colours, height field data) carry ~7 significant digits; writing them
 * with 9 would only add float rounding noise ("0.100000001"). */
static void json_float(FILE *out, float x) {
  if (isfinite(x))
    fprintf(out, "%.7g", (double)x);
  else
    fputs("null", out);
}

static void json_doubles(FILE *out, const mjtNum *v, long n) {
  fputc('[', out);
  for (long i = 0; i < n; i++) {
    if (i) fputc(',', out);
    json_number(out, v[i]);
  }
  fputc(']', out);
}

static void json_floats(FILE *out, const float *v, long n) {
  fputc('[', out);
  for (long i = 0; i < n; i++) {
    if (i) fputc(',', out);
    json_float(out, v[i]);
  }
  fputc(']', out);
}

static void json_ints(FILE *out, const int *v, long n) {
  fputc('[', out);
  for (long i = 0; i < n; i++) fprintf(out, i ? ",%d" : "%d", v[i]);
  fputc(']', out);
}

/* Takes n numbers from the budget; 0 when they do not fit (the first such array is named). */
static int budget_take(SceneBudget *b, long n, const char *what, const char *name, long id) {
  if (b->numbers + n <= MAX_SCENE_NUMBERS) {
    b->numbers += n;
    return 1;
  }
  if (!b->truncated) {
    b->truncated = 1;
    if (name)
      snprintf(b->reason, sizeof b->reason, "%s of '%.200s' (%ld numbers) and later large arrays left out: cap of %ld numbers",
               what, name, n, MAX_SCENE_NUMBERS);
    else
      snprintf(b->reason, sizeof b->reason, "%s of #%ld (%ld numbers) and later large arrays left out: cap of %ld numbers",
               what, id, n, MAX_SCENE_NUMBERS);
  }
  return 0;
}

/* A name, or null for an unnamed object (MuJoCo stores those as empty strings). */
static void json_name(FILE *out, const mjModel *m, int type, int id) {
  const char *name = id >= 0 ? mj_id2name(m, type, id) : NULL;
  json_string(out, name && *name ? name : NULL);
}

static const char *geom_type_name(int type) {
  static const char *const names[] = {"plane", "hfield", "sphere", "capsule", "ellipsoid",
                                      "cylinder", "box",    "mesh",   "sdf"};
  return type >= 0 && type < (int)(sizeof names / sizeof names[0]) ? names[type] : "unknown";
}

/* MuJoCo's default rgba (0.5 0.5 0.5 1) means "not given": the material's colour applies then. */
static const float *effective_rgba(const mjModel *m, const float *rgba, int matid) {
  int is_default = rgba[0] == 0.5f && rgba[1] == 0.5f && rgba[2] == 0.5f && rgba[3] == 1.0f;
  return matid >= 0 && matid < m->nmat && is_default ? m->mat_rgba + 4 * matid : rgba;
}

static void print_scene(FILE *out, const mjModel *m, const mjData *d, const char *forward_error) {
  SceneBudget b = {0};
  fputs(",\"scene\":{\"bodies\":[", out);
  for (long i = 0; i < m->nbody; i++) {
    fputs(i ? ",{\"name\":" : "{\"name\":", out);
    json_name(out, m, mjOBJ_BODY, (int)i);
    fprintf(out, ",\"parent\":%d,\"pos\":", m->body_parentid[i]);
    json_doubles(out, d->xpos + 3 * i, 3);
    fputs(",\"quat\":", out);
    json_doubles(out, d->xquat + 4 * i, 4);
    fputc('}', out);
    b.numbers += 8;
  }
  fputs("],\"geoms\":[", out);
  for (long i = 0; i < m->ngeom; i++) {
    int type = m->geom_type[i], data = m->geom_dataid[i], mat = m->geom_matid[i];
    fputs(i ? ",{\"name\":" : "{\"name\":", out);
    json_name(out, m, mjOBJ_GEOM, (int)i);
    fprintf(out, ",\"body\":%d,\"type\":", m->geom_bodyid[i]);
    json_string(out, geom_type_name(type));
    fputs(",\"size\":", out);
    json_doubles(out, m->geom_size + 3 * i, 3);
    fputs(",\"pos\":", out);
    json_doubles(out, m->geom_pos + 3 * i, 3);
    fputs(",\"quat\":", out);
    json_doubles(out, m->geom_quat + 4 * i, 4);
    fputs(",\"rgba\":", out);
    json_floats(out, effective_rgba(m, m->geom_rgba + 4 * i, mat), 4);
    fputs(",\"mesh\":", out);
    if ((type == mjGEOM_MESH || type == mjGEOM_SDF) && data >= 0) fprintf(out, "%d", data);
    else fputs("null", out);
    fputs(",\"hfield\":", out);
    if (type == mjGEOM_HFIELD && data >= 0) fprintf(out, "%d", data);
    else fputs("null", out);
    fprintf(out, ",\"group\":%d,\"material\":", m->geom_group[i]);
    json_name(out, m, mjOBJ_MATERIAL, mat);
    fputc('}', out);
    b.numbers += 20;
  }
  fputs("],\"meshes\":[", out);
  for (long i = 0; i < m->nmesh; i++) {
    long nv = m->mesh_vertnum[i], nf = m->mesh_facenum[i];
    const char *name = mj_id2name(m, mjOBJ_MESH, (int)i);
    fputs(i ? ",{\"name\":" : "{\"name\":", out);
    json_name(out, m, mjOBJ_MESH, (int)i);
    fputs(",\"vertices\":", out);
    int fits = budget_take(&b, 3 * (nv + nf), "mesh vertices and faces", name && *name ? name : NULL, i);
    if (fits) json_floats(out, m->mesh_vert + 3L * m->mesh_vertadr[i], 3 * nv);
    else fputs("[]", out);
    fputs(",\"faces\":", out);
    if (fits) json_ints(out, m->mesh_face + 3L * m->mesh_faceadr[i], 3 * nf);
    else fputs("[]", out);
    fputc('}', out);
  }
  fputs("],\"flexes\":[", out);
  for (long i = 0; i < m->nflex; i++) {
    int dim = m->flex_dim[i];
    long nv = m->flex_vertnum[i], ne = m->flex_elemnum[i];
    const char *name = mj_id2name(m, mjOBJ_FLEX, (int)i);
    fputs(i ? ",{\"name\":" : "{\"name\":", out);
    json_name(out, m, mjOBJ_FLEX, (int)i);
    fprintf(out, ",\"dim\":%d,\"rgba\":", dim);
    json_floats(out, effective_rgba(m, m->flex_rgba + 4 * i, m->flex_matid[i]), 4);
    fputs(",\"radius\":", out);
    json_number(out, m->flex_radius[i]);
    fputs(",\"vertices\":", out);
    int fits = budget_take(&b, 3 * nv + (dim + 1) * ne, "flex vertices and elements", name && *name ? name : NULL, i);
    if (fits) json_doubles(out, d->flexvert_xpos + 3L * m->flex_vertadr[i], 3 * nv);
    else fputs("[]", out);
    fputs(",\"elements\":", out);
    if (fits) json_ints(out, m->flex_elem + m->flex_elemdataadr[i], (dim + 1) * ne);
    else fputs("[]", out);
    fputc('}', out);
  }
  fputs("],\"hfields\":[", out);
  for (long i = 0; i < m->nhfield; i++) {
    long nrow = m->hfield_nrow[i], ncol = m->hfield_ncol[i];
    const char *name = mj_id2name(m, mjOBJ_HFIELD, (int)i);
    fputs(i ? ",{\"name\":" : "{\"name\":", out);
    json_name(out, m, mjOBJ_HFIELD, (int)i);
    fprintf(out, ",\"nrow\":%ld,\"ncol\":%ld,\"size\":", nrow, ncol);
    json_doubles(out, m->hfield_size + 4 * i, 4);
    fputs(",\"data\":", out);
    if (budget_take(&b, nrow * ncol, "height field data", name && *name ? name : NULL, i))
      json_floats(out, m->hfield_data + m->hfield_adr[i], nrow * ncol);
    else fputs("[]", out);
    fputc('}', out);
  }
  fprintf(out, "],\"counts\":{\"nbody\":%lld,\"ngeom\":%lld,\"nmesh\":%lld,\"nflex\":%lld,\"nhfield\":%lld},",
          (long long)m->nbody, (long long)m->ngeom, (long long)m->nmesh, (long long)m->nflex, (long long)m->nhfield);
  fputs("\"forward_error\":", out);
  json_string(out, forward_error);
  fputs(",\"truncated\":", out);
  json_bool(out, b.truncated);
  fputs(",\"truncated_reason\":", out);
  json_string(out, b.truncated ? b.reason : NULL);
  fputc('}', out);
}

/* ---------------------------------------------------------------------------------------------- */
/* Argument parsing                                                                               */

static char usage_error[ERROR_LEN];

static int parse_double(const char *flag, const char *text, double min, double *out) {
  char *end;
  errno = 0;
  double v = strtod(text, &end);
  if (errno || end == text || *end || !isfinite(v) || v < min) {
    snprintf(usage_error, sizeof usage_error, "%s: invalid value '%s' (a number >= %g)", flag, text, min);
    return -1;
  }
  *out = v;
  return 0;
}

static int parse_long(const char *flag, const char *text, long min, long *out) {
  char *end;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (errno || end == text || *end || v < min) {
    snprintf(usage_error, sizeof usage_error, "%s: invalid value '%s' (an integer >= %ld)", flag, text, min);
    return -1;
  }
  *out = v;
  return 0;
}

/* Returns 0 on success, 1 for --help, -1 on a usage error (text in usage_error). Names in
 * --allow-contact point into argv: the strings are split in place at the colon. */
static int parse_args(int argc, char **argv, Options *o) {
  *o = (Options){.tolerance = 0.001, .duration = 1.5, .timestep = 0, .max_qpos = 1e4,
                 .max_speed = 100, .max_steps = 1000000, .poses_every = 0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) return 1;
    if (strcmp(a, "--") == 0) {
      if (i + 1 < argc && !o->file) o->file = argv[++i];
      if (i + 1 < argc) goto extra;
      break;
    }
    if (strncmp(a, "--", 2) != 0) {
      if (o->file) goto extra;
      o->file = a;
      continue;
    }
    if (strcmp(a, "--scene") == 0) { /* the one flag without a value */
      o->scene = 1;
      continue;
    }
    if (i + 1 >= argc) {
      snprintf(usage_error, sizeof usage_error, "%s needs a value", a);
      return -1;
    }
    char *v = argv[++i];
    int rc = 0;
    if (strcmp(a, "--tolerance") == 0) rc = parse_double(a, v, 0, &o->tolerance);
    else if (strcmp(a, "--duration") == 0) rc = parse_double(a, v, 0, &o->duration);
    else if (strcmp(a, "--timestep") == 0) {
      rc = parse_double(a, v, 0, &o->timestep);
      if (rc == 0 && o->timestep <= 0) {
        snprintf(usage_error, sizeof usage_error, "--timestep must be > 0");
        rc = -1;
      }
    } else if (strcmp(a, "--max-qpos") == 0) rc = parse_double(a, v, 0, &o->max_qpos);
    else if (strcmp(a, "--max-speed") == 0) rc = parse_double(a, v, 0, &o->max_speed);
    else if (strcmp(a, "--max-steps") == 0) rc = parse_long(a, v, 0, &o->max_steps);
    else if (strcmp(a, "--poses-every") == 0) rc = parse_long(a, v, 0, &o->poses_every);
    else if (strcmp(a, "--allow-contact") == 0) {
      char *colon = strchr(v, ':');
      if (!colon || colon == v || !colon[1] || strchr(colon + 1, ':')) {
        snprintf(usage_error, sizeof usage_error, "--allow-contact: expected NAME1:NAME2, got '%s'", v);
        return -1;
      }
      if (o->nallow >= MAX_ALLOW) {
        snprintf(usage_error, sizeof usage_error, "--allow-contact: at most %d pairs", MAX_ALLOW);
        return -1;
      }
      *colon = '\0';
      o->allow[o->nallow++] = (AllowPair){v, colon + 1};
    } else {
      snprintf(usage_error, sizeof usage_error, "unknown flag %s", a);
      return -1;
    }
    if (rc) return -1;
  }
  if (!o->file) {
    snprintf(usage_error, sizeof usage_error, "no model file given");
    return -1;
  }
  return 0;
extra:
  snprintf(usage_error, sizeof usage_error, "exactly one model file expected");
  return -1;
}

/* ---------------------------------------------------------------------------------------------- */
/* Report                                                                                         */

typedef struct {
  const Options *o;
  const char *verdict;
  int compiled;
  char compile_error[ERROR_LEN]; /* on failure: the error; on success: compiler warnings, if any */
  const mjModel *m;
  const mjData *d;
  Intersections *x;
  Stability *s;
  Poses *p;
  int scene_ready;                 /* --scene: d holds the state at qpos0 after mj_forward */
  char scene_forward_error[ERROR_LEN]; /* that mj_forward's error, if it raised one */
} Report;

static void print_settings(FILE *out, const Options *o) {
  fputs("\"settings\":{\"tolerance\":", out);
  json_number(out, o->tolerance);
  fputs(",\"duration\":", out);
  json_number(out, o->duration);
  fputs(",\"timestep_override\":", out);
  if (o->timestep > 0) json_number(out, o->timestep);
  else fputs("null", out);
  fputs(",\"max_qpos\":", out);
  json_number(out, o->max_qpos);
  fputs(",\"max_speed\":", out);
  json_number(out, o->max_speed);
  fprintf(out, ",\"max_steps\":%ld,\"allow_contact\":[", o->max_steps);
  for (int i = 0; i < o->nallow; i++) {
    fputs(i ? ",[" : "[", out);
    json_string(out, o->allow[i].a);
    fputc(',', out);
    json_string(out, o->allow[i].b);
    fputc(']', out);
  }
  fputs("]}", out);
}

static void print_report(FILE *out, const Report *r) {
  const mjModel *m = r->m;
  char buf1[NAME_LEN], buf2[NAME_LEN];
  fputs("{\"file\":", out);
  json_string(out, r->o->file);
  fputs(",\"ok\":", out);
  json_bool(out, strcmp(r->verdict, "ok") == 0);
  fputs(",\"verdict\":", out);
  json_string(out, r->verdict);
  fputs(",\"mujoco_version\":", out);
  json_string(out, mj_versionString());
  fputc(',', out);
  print_settings(out, r->o);

  fputs(",\"compile\":{\"ok\":", out);
  json_bool(out, r->compiled);
  fputs(r->compiled ? ",\"error\":null,\"warning\":" : ",\"error\":", out);
  json_string(out, r->compile_error[0] ? r->compile_error : NULL);
  fputs(",\"line\":", out);
  long line = r->compiled ? -1 : error_line(r->compile_error);
  if (line > 0) fprintf(out, "%ld", line);
  else fputs("null", out);
  fputc('}', out);

  if (!m) {
    fputs(",\"model\":null,\"intersections\":null,\"stability\":null", out);
    fputs(r->o->scene ? ",\"scene\":null}\n" : "}\n", out);
    return;
  }
  fprintf(out, ",\"model\":{\"nbody\":%lld,\"ngeom\":%lld,\"njnt\":%lld,\"nq\":%lld,\"nv\":%lld,\"nu\":%lld,"
          "\"timestep\":", (long long)m->nbody, (long long)m->ngeom, (long long)m->njnt, (long long)m->nq,
          (long long)m->nv, (long long)m->nu);
  json_number(out, m->opt.timestep);
  fputc('}', out);

  const Intersections *x = r->x;
  fputs(",\"intersections\":[", out);
  for (int i = 0; x && i < x->n; i++) {
    const Intersection *it = &x->list[i];
    fputs(i ? ",{\"geom1\":" : "{\"geom1\":", out);
    json_string(out, label(m, mjOBJ_GEOM, it->geom1, buf1, sizeof buf1));
    fputs(",\"geom2\":", out);
    json_string(out, label(m, mjOBJ_GEOM, it->geom2, buf2, sizeof buf2));
    fputs(",\"body1\":", out);
    json_string(out, label(m, mjOBJ_BODY, m->geom_bodyid[it->geom1], buf1, sizeof buf1));
    fputs(",\"body2\":", out);
    json_string(out, label(m, mjOBJ_BODY, m->geom_bodyid[it->geom2], buf2, sizeof buf2));
    fputs(",\"depth\":", out);
    json_number(out, it->depth);
    fputc('}', out);
  }
  fprintf(out, "],\"intersections_unlisted\":%ld,\"contacts_at_start\":%d,\"flex_contacts_at_start\":%d",
          x ? x->unlisted : 0L, x ? x->ncon : 0, x ? x->nflex : 0);

  const Stability *s = r->s;
  if (!s) {
    fputs(",\"stability\":null}\n", out);
    return;
  }
  fputs(",\"stability\":{\"ok\":", out);
  json_bool(out, !s->failed);
  fputs(",\"duration\":", out);
  json_number(out, s->time);
  fprintf(out, ",\"steps\":%ld,\"steps_planned\":%ld,\"truncated\":", s->steps_done, s->steps_planned);
  json_bool(out, s->truncated);
  fputs(",\"timestep\":", out);
  json_number(out, s->timestep);
  fputs(",\"warnings\":{", out);
  for (int i = 0; i < NFAIL_WARNINGS; i++)
    fprintf(out, "%s\"%s\":%d", i ? "," : "", FAIL_WARNINGS[i].name, s->warnings[i]);
  fputs("},\"max_abs_qpos\":", out);
  json_number(out, s->max_abs_qpos);
  fputs(",\"max_body_speed\":", out);
  json_number(out, s->max_body_speed);
  fputs(",\"fastest_body\":", out);
  json_string(out, s->fastest_body > 0 ? label(m, mjOBJ_BODY, s->fastest_body, buf1, sizeof buf1) : NULL);
  fputs(",\"reason\":", out);
  json_string(out, s->failed ? s->reason : NULL);
  fputs(",\"failed_at\":", out);
  if (s->failed) json_number(out, s->failed_at);
  else fputs("null", out);
  fputs(",\"messages\":[", out);
  for (int i = 0; i < nwarning_texts; i++) {
    if (i) fputc(',', out);
    json_string(out, warning_texts[i]);
  }
  fprintf(out, "],\"messages_dropped\":%ld}", warning_texts_dropped);

  const Poses *p = r->p;
  if (p && p->every > 0) {
    int nb = p->nbody - 1;
    fprintf(out, ",\"poses\":{\"every\":%ld,\"truncated\":", p->every);
    json_bool(out, p->truncated);
    fputs(",\"bodies\":[", out);
    for (int b = 1; b < p->nbody; b++) {
      if (b > 1) fputc(',', out);
      json_string(out, label(m, mjOBJ_BODY, b, buf1, sizeof buf1));
    }
    fputs("],\"frames\":[", out);
    for (long f = 0; f < p->nframes; f++) {
      fputs(f ? ",{\"t\":" : "{\"t\":", out);
      json_number(out, p->t[f]);
      fputs(",\"pos\":[", out);
      for (int b = 0; b < nb; b++) {
        const double *v = p->pos + (f * nb + b) * 3;
        fputs(b ? ",[" : "[", out);
        for (int k = 0; k < 3; k++) {
          if (k) fputc(',', out);
          json_number(out, v[k]);
        }
        fputc(']', out);
      }
      fputs("],\"quat\":[", out);
      for (int b = 0; b < nb; b++) {
        const double *v = p->quat + (f * nb + b) * 4;
        fputs(b ? ",[" : "[", out);
        for (int k = 0; k < 4; k++) {
          if (k) fputc(',', out);
          json_number(out, v[k]);
        }
        fputc(']', out);
      }
      fputs("]}", out);
    }
    fputs("]}", out);
  }
  if (r->o->scene && r->scene_ready)
    print_scene(out, m, r->d, r->scene_forward_error[0] ? r->scene_forward_error : NULL);
  fputs("}\n", out);
}

static void print_usage_error(const char *file) {
  fputs("{\"file\":", stdout);
  json_string(stdout, file);
  fputs(",\"ok\":false,\"verdict\":\"usage_error\",\"error\":", stdout);
  json_string(stdout, usage_error);
  fputs("}\n", stdout);
  fprintf(stderr, "mjcf-check: %s\n", usage_error);
  usage(stderr);
}

/* ---------------------------------------------------------------------------------------------- */

int main(int argc, char **argv) {
  static Options o; /* static: the allow list makes it a few KiB */
  static char stdout_buffer[1 << 16]; /* a scene export writes millions of small numbers */
  setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
  int rc = parse_args(argc, argv, &o);
  if (rc == 1) {
    usage(stdout);
    return EXIT_PASS;
  }
  if (rc < 0) {
    print_usage_error(o.file);
    return EXIT_USAGE;
  }
  /* A missing file is a caller's mistake, not a model that fails to compile. */
  if (access(o.file, R_OK) != 0) {
    snprintf(usage_error, sizeof usage_error, "cannot read %s: %s", o.file, strerror(errno));
    print_usage_error(o.file);
    return EXIT_USAGE;
  }

  mju_user_error = on_mj_error;
  mju_user_warning = on_mj_warning;
  /* Models using MuJoCo's own plugins (mujoco.elasticity.cable, ...) need them registered first. */
  if (MJ_PLUGIN_DIR[0] && access(MJ_PLUGIN_DIR, R_OK) == 0) mj_loadAllPluginLibraries(MJ_PLUGIN_DIR, NULL);

  static Report r;
  static Intersections x;
  static Stability s;
  static Poses p;
  r.o = &o;
  r.verdict = "ok";

  /* mj_loadXML installs its own handlers while compiling and reports through this buffer. */
  mjModel *m = mj_loadXML(o.file, NULL, r.compile_error, sizeof r.compile_error);
  if (!m) {
    r.verdict = "compile_error";
    if (!r.compile_error[0]) snprintf(r.compile_error, sizeof r.compile_error, "mj_loadXML failed");
    print_report(stdout, &r);
    return EXIT_FAIL;
  }
  r.compiled = 1;
  if (o.timestep > 0) m->opt.timestep = o.timestep;

  mjData *d = NULL;
  if (guarded_make_data(m, &d) != 0) {
    /* Allocation of the model's declared buffers failed: the model asks for too much memory. */
    r.compiled = 0;
    r.verdict = "compile_error";
    snprintf(r.compile_error, sizeof r.compile_error, "mj_makeData: %.1000s", mj_error_text);
    mj_deleteModel(m);
    print_report(stdout, &r);
    return EXIT_FAIL;
  }
  r.m = m;
  r.d = d;

  if (guarded_forward(m, d) != 0) {
    /* Forward dynamics failing at t=0 is as unstable as it gets; nothing else can be checked. */
    r.verdict = "unstable";
    r.s = &s;
    s.timestep = m->opt.timestep;
    s.fastest_body = -1;
    fail(&s, 0, "MuJoCo error in mj_forward at t=0: %s", mj_error_text);
  } else {
    find_intersections(&o, m, d, &x);
    r.x = &x;

    simulate(&o, &s, &p, m, d);
    r.s = &s;
    r.p = &p;

    if (x.n > 0 || x.unlisted > 0) r.verdict = "intersection";
    else if (s.failed) r.verdict = "unstable";
  }

  if (o.scene) {
    /* Back to qpos0 for the export; warnings this raises are not the stability check's. */
    int kept = nwarning_texts;
    long dropped = warning_texts_dropped;
    mj_resetData(m, d);
    if (guarded_forward(m, d) != 0)
      snprintf(r.scene_forward_error, sizeof r.scene_forward_error, "%s", mj_error_text);
    nwarning_texts = kept;
    warning_texts_dropped = dropped;
    r.scene_ready = 1;
  }

  print_report(stdout, &r);
  int failed = strcmp(r.verdict, "ok") != 0;
  free(p.t);
  free(p.pos);
  free(p.quat);
  mj_deleteData(d);
  mj_deleteModel(m);
  return failed ? EXIT_FAIL : EXIT_PASS;
}
