/* test_media_memory.c: a 20 MP photo still compresses in a child process whose address
 * space is limited to what it had at start plus 40 MB. Decoding the photo to full-size RGB
 * alone would need 61 MB, so this proves the scaled, planar path. Skipped under ASan, which
 * reserves terabytes of address space for its shadow memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "media/media.h"

#if defined(__SANITIZE_ADDRESS__)
#define FQ_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FQ_UNDER_ASAN 1
#endif
#endif

#define BUDGET_MB 40

#ifndef FQ_UNDER_ASAN
static long vm_size_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmSize: %ld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}
#endif

static void test_20mp_in_limited_address_space(void **state)
{
    (void)state;
#ifdef FQ_UNDER_ASAN
    fprintf(stderr, "skipped: ASan reserves huge address space, RLIMIT_AS cannot be tested\n");
    skip();
#else
    const char *path = fq_test_photo("Kleiber_by_Lukas_Baubkus.jpg");
    if (!path)
        skip();
    const char *store = fq_test_dir("mem");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        fq_media *m = NULL;
        if (fq_media_new(&m) != FQ_OK)
            _exit(3);
        long base_kb = vm_size_kb();
        struct rlimit lim;
        lim.rlim_cur = lim.rlim_max = (rlim_t)(base_kb + BUDGET_MB * 1024L) * 1024;
        if (base_kb < 0 || setrlimit(RLIMIT_AS, &lim) != 0)
            _exit(4);
        fq_media_result r;
        fq_err err = fq_media_process_file(m, store, path, &r);
        if (err) {
            fprintf(stderr, "child: %s\n", fq_media_errmsg(m));
            _exit(5);
        }
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "  20 MP -> %dx%d within VmSize %ld kB + %d MB; peak RSS %ld kB\n",
                r.width, r.height, base_kb, BUDGET_MB, ru.ru_maxrss);
        fq_media_free(m);
        _exit(r.width == 1600 ? 0 : 6);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_20mp_in_limited_address_space),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
