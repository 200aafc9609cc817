/* The progress line of long office work (office/progress.h, issue 13): drawn on a terminal
 * with counts and rate, rewritten in place at most ten times a second, ended by a newline;
 * nothing at all when stderr is a pipe or a file (scripts, CI logs). stderr is pointed at a
 * pseudo-terminal or a pipe for the duration of each case. */
#include "harness.h"

#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "office/progress.h"

/* Runs the steps with stderr on fd, then reads what reached read_fd into out. */
static size_t capture(int write_fd, int read_fd, void (*work)(void), char *out, size_t out_len)
{
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    assert_true(saved >= 0);
    assert_int_equal(dup2(write_fd, STDERR_FILENO), STDERR_FILENO);
    work();
    fflush(stderr);
    assert_int_equal(dup2(saved, STDERR_FILENO), STDERR_FILENO);
    close(saved);
    int fl = fcntl(read_fd, F_GETFL);
    fcntl(read_fd, F_SETFL, fl | O_NONBLOCK);
    size_t n = 0;
    for (;;) {
        ssize_t r = read(read_fd, out + n, out_len - 1 - n);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    out[n] = '\0';
    return n;
}

static void three_bundles(void)
{
    fq_office_progress p;
    fq_office_progress_start(&p, "import", "bundles", 3, 0);
    for (int i = 0; i < 3; i++)
        fq_office_progress_step(&p, 1, 0);
    fq_office_progress_end(&p);
}

static void many_quick_steps(void)
{
    fq_office_progress p;
    fq_office_progress_start(&p, "push", "bundles", 5000, 5000 * 1000000LL);
    for (int i = 0; i < 5000; i++)
        fq_office_progress_step(&p, 1, 1000000);
    fq_office_progress_end(&p);
}

static size_t count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

static void test_progress_line_on_a_terminal(void **state)
{
    (void)state;
    int master = -1, slave = -1;
    if (openpty(&master, &slave, NULL, NULL, NULL)) {
        skip(); /* no pseudo-terminals in this sandbox */
        return;
    }
    static char out[65536];
    capture(slave, master, three_bundles, out, sizeof out);
    assert_non_null(strstr(out, "import: 3/3 bundles"));
    assert_non_null(strstr(out, "bundles/s"));
    assert_non_null(strchr(out, '\r'));          /* rewritten in place */
    assert_true(strlen(out) >= 1 && out[strlen(out) - 1] == '\n'); /* and ended */

    /* 5000 steps at once: a handful of redraws, not 5000; bytes and their rate shown */
    capture(slave, master, many_quick_steps, out, sizeof out);
    assert_non_null(strstr(out, "push: 5000/5000 bundles, 5000.0/5000.0 MB"));
    assert_non_null(strstr(out, "MB/s"));
    assert_true(count_char(out, '\r') <= 20);
    close(slave);
    close(master);
}

static void test_progress_quiet_when_not_a_terminal(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    static char out[65536];
    assert_int_equal(capture(fds[1], fds[0], three_bundles, out, sizeof out), 0);
    assert_int_equal(capture(fds[1], fds[0], many_quick_steps, out, sizeof out), 0);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_progress_line_on_a_terminal),
        cmocka_unit_test(test_progress_quiet_when_not_a_terminal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
