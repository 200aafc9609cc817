/* Helper commands run without a shell: fork, exec with an argument vector, wait. Their error
 * output is kept (first line) so the screen can say why the clock was not set. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "system/system.h"

#define MAX_WORDS 16

fq_err fq_system_run(const char *env, const char *def, const char *arg, char *msg,
                     size_t msg_len)
{
    char cmd[512];
    const char *v = env ? getenv(env) : NULL;
    snprintf(cmd, sizeof cmd, "%s", v && *v ? v : def);
    char *argv[MAX_WORDS + 2];
    int n = 0;
    for (char *save = NULL, *w = strtok_r(cmd, " ", &save); w && n < MAX_WORDS;
         w = strtok_r(NULL, " ", &save))
        argv[n++] = w;
    if (n == 0) {
        snprintf(msg, msg_len, "no command");
        return FQ_ERR_INVALID;
    }
    argv[n++] = (char *)arg;
    argv[n] = NULL;
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        snprintf(msg, msg_len, "pipe: %s", strerror(errno));
        return FQ_ERR_IO;
    }
    fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
    pid_t pid = fork();
    if (pid < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        snprintf(msg, msg_len, "fork: %s", strerror(errno));
        return FQ_ERR_IO;
    }
    if (pid == 0) {
        dup2(pipefd[1], 2);
        close(pipefd[1]);
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, 0);
            dup2(devnull, 1);
        }
        execvp(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(pipefd[1]);
    char out[512];
    size_t len = 0;
    ssize_t r;
    while ((r = read(pipefd[0], out + len, sizeof out - 1 - len)) > 0 ||
           (r < 0 && errno == EINTR))
        if (r > 0)
            len += (size_t)r;
    close(pipefd[0]);
    out[len] = '\0';
    char *nl = strchr(out, '\n');
    if (nl)
        *nl = '\0';
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return FQ_OK;
    if (out[0])
        snprintf(msg, msg_len, "%s: %s", argv[0], out);
    else if (WIFEXITED(status))
        snprintf(msg, msg_len, "%s exited with status %d", argv[0], WEXITSTATUS(status));
    else
        snprintf(msg, msg_len, "%s was killed", argv[0]);
    return FQ_ERR_IO;
}
