/* The course's series in C, the issues' compiled anchor: gcc -O3 -march=native -fopenmp, the scalar kernels as the
 * course writes them, the loop split over OpenMP threads with a sum reduction.
 * Usage: series_anchors slow|trig N REPEATS THREADS  -> prints "median_seconds total" */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int digitsin(long num)
{
    long base = 10;
    while (9 / base > 0) base *= 10;
    while (num > 0)
    {
        if (num % base == 9) return 1;
        num /= 10;
    }
    return 0;
}

static double slow(long n)
{
    double total = 0;
#pragma omp parallel for reduction(+ : total) schedule(static)
    for (long i = 1; i <= n; i++)
        if (!digitsin(i)) total += 1.0 / i;
    return total;
}

static double trig(long n)
{
    double total = 0;
#pragma omp parallel for reduction(+ : total) schedule(static)
    for (long k = 1; k <= n; k++) total += cos((double)k) / k;
    return total;
}

static int ascending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 5) return 2;
    long n = atol(argv[2]);
    int repeats = atoi(argv[3]);
    omp_set_num_threads(atoi(argv[4]));
    double (*series)(long) = strcmp(argv[1], "slow") == 0 ? slow : trig;
    double total = series(n); /* warm-up: threads started, pages touched */
    double *times = malloc(sizeof(double) * repeats);
    for (int r = 0; r < repeats; r++)
    {
        double start = omp_get_wtime();
        total = series(n);
        times[r] = omp_get_wtime() - start;
    }
    qsort(times, repeats, sizeof(double), ascending);
    printf("%.9f %.17g\n", times[repeats / 2], total);
    free(times);
    return 0;
}
