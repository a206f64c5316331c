#ifndef ISMS_BANNED_H
#define ISMS_BANNED_H

/*
 * Functions that are easy to misuse: unbounded copies and formats, and
 * number parsers that cannot report an error. Including this header last
 * in every source file turns a call to any of them into a compile error.
 * Use buf_printf(), snprintf() and parse_long() instead.
 */

#define BANNED(func) sorry_##func##_is_banned_in_isms

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef gets
#define gets(x) BANNED(gets)

#endif
