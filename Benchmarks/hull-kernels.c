/*
 * The stability decision of one chemical system, two ways, on synthetic systems shaped like the
 * bundled Materials Project file's (Benchmarks/hull-kernels.sh prints the file's own shapes):
 *
 *   GLPK  - what screen does (PhaseSpace.stable(exactly:)): one program over the system's points,
 *           then, for each composition with all of the system's elements, its column fixed at 0
 *           and one warm-started simplex solve at its composition, with screen's GLPK settings;
 *   qhull - what a facet-based stage would do first: the convex hull of the same points, from
 *           which the lower facets (stable compositions, decompositions) would then be read.
 *
 * A system of k elements has the k elements (energy 0), `below` compositions on its boundary (the
 * stable compositions of its subsystems, here on random edges) and `own` compositions inside it,
 * energies uniform in [-2, 0) eV/atom. Points: k - 1 atomic fractions and the energy.
 * Only the time is compared; nothing here is a result of screen.
 *
 *   cc -O2 hull-kernels.c -lqhull_r -lglpk -o hull-kernels && ./hull-kernels
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <glpk.h>
#include <libqhull_r/qhull_ra.h>

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static double uniform(void) { return rand() / (RAND_MAX + 1.0); }

/* A system: n = k + below + own points, fractions[i * k + e] summing to 1, energies. */
typedef struct {
    int k, below, own, n;
    double *fractions, *energies;
} System;

static System make_system(int k, int below, int own) {
    System s = {k, below, own, k + below + own, NULL, NULL};
    s.fractions = calloc((size_t)s.n * k, sizeof(double));
    s.energies = calloc((size_t)s.n, sizeof(double));
    for (int i = 0; i < s.n; i++) {
        double *f = s.fractions + (size_t)i * k;
        if (i < k) {
            f[i] = 1;                       /* an element */
            continue;
        }
        if (i < k + below) {                /* a binary on a random edge */
            int a = rand() % k, b = (a + 1 + rand() % (k - 1)) % k;
            f[a] = 0.1 + 0.8 * uniform();
            f[b] = 1 - f[a];
        } else {                            /* a composition with every element */
            double sum = 0;
            for (int e = 0; e < k; e++) sum += (f[e] = 0.05 + uniform());
            for (int e = 0; e < k; e++) f[e] /= sum;
        }
        s.energies[i] = -2.0 * uniform();
    }
    return s;
}

static void free_system(System *s) {
    free(s->fractions);
    free(s->energies);
}

/* qhull ("Qt": triangulated facets) of the points; returns the number of lower facets. */
static int qhull_lower_facets(const System *s) {
    int dim = s->k;
    coordT *points = malloc(sizeof(coordT) * (size_t)s->n * dim);
    for (int i = 0; i < s->n; i++) {
        for (int e = 0; e < s->k - 1; e++) points[i * dim + e] = s->fractions[(size_t)i * s->k + e];
        points[i * dim + dim - 1] = s->energies[i];
    }
    qhT qh_storage, *qh = &qh_storage;
    qh_zero(qh, stderr);
    int failed = qh_new_qhull(qh, dim, s->n, points, False, "qhull Qt", NULL, stderr);
    int lower = 0;
    if (!failed) {
        facetT *facet;
        FORALLfacets { if (facet->normal[dim - 1] < 0) lower++; }
    }
    qh_freeqhull(qh, !qh_ALL);
    int still_long, total_long;
    qh_memfreeshort(qh, &still_long, &total_long);
    free(points);
    return failed ? -1 : lower;
}

/* screen's decision: returns how many of the `own` compositions lie below the hull of the others. */
static int glpk_stable_own(const System *s) {
    int k = s->k, n = s->n;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_rows(lp, k);
    glp_add_cols(lp, n);
    int *ia = malloc(sizeof(int) * ((size_t)n * k + 1)), *ja = malloc(sizeof(int) * ((size_t)n * k + 1));
    double *ar = malloc(sizeof(double) * ((size_t)n * k + 1));
    int nonzeros = 0;
    for (int e = 0; e < k; e++)
        for (int j = 0; j < n; j++)
            if (s->fractions[(size_t)j * k + e] != 0) {
                nonzeros++;
                ia[nonzeros] = e + 1, ja[nonzeros] = j + 1, ar[nonzeros] = s->fractions[(size_t)j * k + e];
            }
    glp_load_matrix(lp, nonzeros, ia, ja, ar);
    for (int j = 0; j < n; j++) {
        glp_set_col_bnds(lp, j + 1, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, j + 1, s->energies[j]);
    }
    glp_smcp parm;
    glp_init_smcp(&parm);   /* screen's settings (Sources/ScreenNumerics/LinearProgram.swift) */
    parm.msg_lev = GLP_MSG_OFF, parm.presolve = GLP_OFF, parm.meth = GLP_PRIMAL, parm.pricing = GLP_PT_STD;
    parm.tol_bnd = 1e-10, parm.tol_dj = 1e-10;
    glp_adv_basis(lp, 0);
    int stable = 0;
    for (int c = k + s->below; c < n; c++) {
        glp_set_col_bnds(lp, c + 1, GLP_FX, 0, 0);
        for (int e = 0; e < k; e++) {
            double x = s->fractions[(size_t)c * k + e];
            glp_set_row_bnds(lp, e + 1, GLP_FX, x, x);
        }
        if (glp_simplex(lp, &parm) == 0 && s->energies[c] < glp_get_obj_val(lp) - 1e-9) stable++;
        glp_set_col_bnds(lp, c + 1, GLP_LO, 0, 0);
    }
    glp_delete_prob(lp);
    free(ia), free(ja), free(ar);
    return stable;
}

int main(void) {
    glp_term_out(GLP_OFF);
    /* k elements, compositions on the boundary, compositions inside, systems timed */
    static const int shapes[][4] = {
        {3, 4, 1, 20000}, {3, 8, 4, 10000}, {4, 8, 1, 10000}, {4, 16, 3, 5000},
        {5, 16, 1, 5000}, {3, 30, 107, 300}, {4, 40, 87, 300},
    };
    printf("%-34s %16s %16s\n", "system (synthetic)", "GLPK (us/system)", "qhull (us/system)");
    for (size_t t = 0; t < sizeof shapes / sizeof shapes[0]; t++) {
        int k = shapes[t][0], below = shapes[t][1], own = shapes[t][2], count = shapes[t][3];
        srand(42);
        double glpk_time = 0, qhull_time = 0;
        long checks = 0;
        for (int r = 0; r < count; r++) {
            System s = make_system(k, below, own);
            double t0 = seconds();
            checks += glpk_stable_own(&s);
            double t1 = seconds();
            checks += qhull_lower_facets(&s);
            qhull_time += seconds() - t1;
            glpk_time += t1 - t0;
            free_system(&s);
        }
        char label[64];
        snprintf(label, sizeof label, "%d elements, %d + %d compositions", k, below, own);
        printf("%-34s %16.1f %16.1f\n", label, 1e6 * glpk_time / count, 1e6 * qhull_time / count);
        if (checks < 0) return 1;   /* keeps the work from being optimised away */
    }
    return 0;
}
