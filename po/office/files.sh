#!/bin/sh
# files.sh: the office's sources whose text a person reads in a language they chose: the
# portal's pages and the visit report (the CLI's messages and logs stay English).
ls office/portal/*.c office/report_html.c office/html.c office/cmd_report.c | grep -v cmd_user.c
