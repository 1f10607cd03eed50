/*
 * The C floor: the least a static site generator can do with the benchmark corpus, on one core. It reads
 * every entry (Content/<section>/<slug>.md), skips its front matter, renders the body with libcmark (the
 * library Parley uses) and writes OUT/<section>/<slug>/index.html. No templates, no citations, no links, no
 * lists, no index: `make bench` times it beside Parley's whole builds, so that Parley's time reads as a
 * multiple of this floor.
 *
 * Build: cc -O2 -o floor floor.c $(pkg-config --cflags --libs libcmark)
 * Use:   floor CONTENT-DIR OUT-DIR
 */
#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static long written = 0;

static void fail(const char *what, const char *path) {
    fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

/* mkdir -p */
static void make_folders(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(path, 0755) != 0 && errno != EEXIST) fail("cannot make", path);
        *p = '/';
    }
    if (mkdir(path, 0755) != 0 && errno != EEXIST) fail("cannot make", path);
}

static void render(const char *source, const char *folder) {
    FILE *in = fopen(source, "rb");
    if (!in) fail("cannot read", source);
    fseek(in, 0, SEEK_END);
    long size = ftell(in);
    fseek(in, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, in) != (size_t)size) fail("cannot read", source);
    fclose(in);
    text[size] = 0;
    /* The body starts after the front matter's closing line. */
    const char *body = text;
    if (strncmp(text, "---\n", 4) == 0) {
        const char *end = strstr(text + 4, "\n---\n");
        if (end) body = end + 5;
    }
    char *html = cmark_markdown_to_html(body, strlen(body), CMARK_OPT_DEFAULT | CMARK_OPT_SMART);
    char path[8192];
    snprintf(path, sizeof path, "%s", folder);
    make_folders(path);
    snprintf(path, sizeof path, "%s/index.html", folder);
    FILE *out = fopen(path, "wb");
    if (!out) fail("cannot write", path);
    fputs(html, out);
    fclose(out);
    free(html);
    free(text);
    written++;
}

static void walk(const char *folder, const char *out) {
    DIR *dir = opendir(folder);
    if (!dir) fail("cannot list", folder);
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        const char *name = entry->d_name;
        if (name[0] == '.') continue;
        char path[4096], target[4096];
        snprintf(path, sizeof path, "%s/%s", folder, name);
        struct stat info;
        if (stat(path, &info) != 0) fail("cannot stat", path);
        size_t length = strlen(name);
        if (S_ISDIR(info.st_mode)) {
            snprintf(target, sizeof target, "%s/%s", out, name);
            walk(path, target);
        } else if (length > 3 && strcmp(name + length - 3, ".md") == 0) {
            snprintf(target, sizeof target, "%s/%.*s", out, (int)(length - 3), name);
            render(path, target);
        }
    }
    closedir(dir);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: floor CONTENT-DIR OUT-DIR\n");
        return 2;
    }
    walk(argv[1], argv[2]);
    printf("Wrote %ld pages with libcmark %s\n", written, cmark_version_string());
    return 0;
}
