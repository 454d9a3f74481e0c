/*
 * cmd_timetable.h - the command-line face of the language-class side of
 * week planning (cmd_timetable.c): `meedoen timetable list|attendance`,
 * `meedoen import timetable|class-attendance FILE`, and
 * `meedoen plan capacity`.
 */
#ifndef MEEDOEN_CMD_TIMETABLE_H
#define MEEDOEN_CMD_TIMETABLE_H

#include "cli/cli.h"

/* `meedoen timetable list [--organisation ID] [--all]` and
 * `meedoen timetable attendance --group ID [--day D]`. */
int cmd_timetable(struct cli *c, int argc, char **argv);
void help_timetable(void);

/* `meedoen import timetable|class-attendance FILE [--partial] [--json]`;
 * argv[1] names the kind. True for the kinds it takes. */
void help_timetable_import(void);

/* `meedoen plan capacity [--from D] [--weeks N] [--organisation ID]`:
 * argv[1] is "capacity". */
int cmd_plan_capacity(struct cli *c, int argc, char **argv);
void help_plan_capacity(void);

#endif
