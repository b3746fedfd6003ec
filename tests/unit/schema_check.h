/* A small JSON Schema validator over json-c, for the tests: the subset that
 * docs/report.schema.json and docs/capture.schema.json use. Keywords: type
 * (a name or a list), enum, const, required, properties,
 * additionalProperties (boolean or schema), items, minimum, maximum,
 * minLength, pattern (POSIX extended regular expressions, which cover the
 * simple anchored patterns used), oneOf, anyOf, allOf, and $ref to
 * "#/$defs/NAME" or "#/definitions/NAME". Other keywords ($schema, $id,
 * title, description, ...) are ignored. Header-only (static functions) so
 * that several test files can include it. */
#ifndef TRUSTPATH_TEST_SCHEMA_CHECK_H
#define TRUSTPATH_TEST_SCHEMA_CHECK_H

#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

typedef struct schema_ctx {
    json_object *root; /* the whole schema, for $ref */
    char error[512];   /* first failure: JSON pointer and reason */
    unsigned depth;
} schema_ctx_t;

static inline bool schema_fail(schema_ctx_t *c, const char *path,
                               const char *what)
{
    if (c->error[0] == '\0')
        snprintf(c->error, sizeof c->error, "%.250s: %.250s",
                 path[0] ? path : "/", what);
    return false;
}

static inline bool schema_type_is(json_object *v, const char *t)
{
    json_type jt = json_object_get_type(v);
    if (strcmp(t, "null") == 0)
        return jt == json_type_null;
    if (strcmp(t, "boolean") == 0)
        return jt == json_type_boolean;
    if (strcmp(t, "object") == 0)
        return jt == json_type_object;
    if (strcmp(t, "array") == 0)
        return jt == json_type_array;
    if (strcmp(t, "string") == 0)
        return jt == json_type_string;
    if (strcmp(t, "integer") == 0)
        return jt == json_type_int;
    if (strcmp(t, "number") == 0)
        return jt == json_type_int || jt == json_type_double;
    return false;
}

/* JSON equality for enum and const (json-c 0.13+ has json_object_equal). */
static inline bool schema_equal(json_object *a, json_object *b)
{
    return json_object_equal(a, b) != 0;
}

static inline json_object *schema_resolve(schema_ctx_t *c, const char *ref)
{
    const char *name = NULL;
    const char *group = NULL;
    if (strncmp(ref, "#/$defs/", 8) == 0) {
        group = "$defs";
        name = ref + 8;
    } else if (strncmp(ref, "#/definitions/", 14) == 0) {
        group = "definitions";
        name = ref + 14;
    } else if (strcmp(ref, "#") == 0) {
        return c->root;
    }
    json_object *defs = NULL, *out = NULL;
    if (group == NULL || !json_object_object_get_ex(c->root, group, &defs) ||
        !json_object_object_get_ex(defs, name, &out))
        return NULL;
    return out;
}

static inline bool schema_validate_at(schema_ctx_t *c, json_object *schema,
                                      json_object *v, const char *path);

static inline bool schema_pattern(schema_ctx_t *c, const char *pattern,
                                  const char *s, const char *path)
{
    regex_t re;
    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
        return schema_fail(c, path, "unsupported pattern in the schema");
    int rc = regexec(&re, s, 0, NULL, 0);
    regfree(&re);
    if (rc != 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "\"%.80s\" does not match %.100s", s,
                 pattern);
        return schema_fail(c, path, msg);
    }
    return true;
}

static inline bool schema_check_type(schema_ctx_t *c, json_object *t,
                                     json_object *v, const char *path)
{
    bool ok = false;
    if (json_object_is_type(t, json_type_string)) {
        ok = schema_type_is(v, json_object_get_string(t));
    } else if (json_object_is_type(t, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(t) && !ok; i++)
            ok = schema_type_is(
                v, json_object_get_string(json_object_array_get_idx(t, i)));
    }
    if (!ok) {
        char msg[200];
        snprintf(msg, sizeof msg, "type %s, expected %s",
                 json_type_to_name(json_object_get_type(v)),
                 json_object_to_json_string(t));
        return schema_fail(c, path, msg);
    }
    return true;
}

static inline bool schema_check_object(schema_ctx_t *c, json_object *schema,
                                       json_object *v, const char *path)
{
    json_object *req = NULL, *props = NULL, *addl = NULL;
    char sub[512];
    if (json_object_object_get_ex(schema, "required", &req)) {
        for (size_t i = 0; i < json_object_array_length(req); i++) {
            const char *k =
                json_object_get_string(json_object_array_get_idx(req, i));
            if (!json_object_object_get_ex(v, k, NULL)) {
                char msg[160];
                snprintf(msg, sizeof msg, "missing required \"%.120s\"", k);
                return schema_fail(c, path, msg);
            }
        }
    }
    json_object_object_get_ex(schema, "properties", &props);
    json_object_object_get_ex(schema, "additionalProperties", &addl);
    json_object_object_foreach(v, key, val)
    {
        json_object *ps = NULL;
        snprintf(sub, sizeof sub, "%.380s/%.120s", path, key);
        if (props != NULL && json_object_object_get_ex(props, key, &ps)) {
            if (!schema_validate_at(c, ps, val, sub))
                return false;
        } else if (addl != NULL) {
            if (json_object_is_type(addl, json_type_boolean)) {
                if (!json_object_get_boolean(addl))
                    return schema_fail(c, sub, "property not allowed");
            } else if (!schema_validate_at(c, addl, val, sub)) {
                return false;
            }
        }
    }
    return true;
}

static inline bool schema_validate_at(schema_ctx_t *c, json_object *schema,
                                      json_object *v, const char *path)
{
    json_object *k = NULL;
    if (json_object_is_type(schema, json_type_boolean))
        return json_object_get_boolean(schema)
                   ? true
                   : schema_fail(c, path, "schema false");
    if (!json_object_is_type(schema, json_type_object))
        return schema_fail(c, path, "schema is not an object");
    if (++c->depth > 64) {
        c->depth--;
        return schema_fail(c, path, "schema nesting too deep");
    }
    bool ok = true;
    if (ok && json_object_object_get_ex(schema, "$ref", &k)) {
        json_object *target = schema_resolve(c, json_object_get_string(k));
        ok = target != NULL ? schema_validate_at(c, target, v, path)
                            : schema_fail(c, path, "unresolved $ref");
    }
    if (ok && json_object_object_get_ex(schema, "type", &k))
        ok = schema_check_type(c, k, v, path);
    if (ok && json_object_object_get_ex(schema, "const", &k) &&
        !schema_equal(k, v))
        ok = schema_fail(c, path, "differs from const");
    if (ok && json_object_object_get_ex(schema, "enum", &k)) {
        bool hit = false;
        for (size_t i = 0; i < json_object_array_length(k) && !hit; i++)
            hit = schema_equal(json_object_array_get_idx(k, i), v);
        if (!hit) {
            char msg[200];
            snprintf(msg, sizeof msg, "%.60s not in enum",
                     json_object_to_json_string(v));
            ok = schema_fail(c, path, msg);
        }
    }
    if (ok && json_object_is_type(v, json_type_object))
        ok = schema_check_object(c, schema, v, path);
    if (ok && json_object_is_type(v, json_type_array) &&
        json_object_object_get_ex(schema, "items", &k)) {
        char sub[512];
        for (size_t i = 0; ok && i < json_object_array_length(v); i++) {
            snprintf(sub, sizeof sub, "%.480s/%zu", path, i);
            ok = schema_validate_at(c, k, json_object_array_get_idx(v, i), sub);
        }
    }
    if (ok && json_object_is_type(v, json_type_string)) {
        const char *s = json_object_get_string(v);
        if (json_object_object_get_ex(schema, "minLength", &k) &&
            (int64_t)strlen(s) < json_object_get_int64(k))
            ok = schema_fail(c, path, "string too short");
        if (ok && json_object_object_get_ex(schema, "pattern", &k))
            ok = schema_pattern(c, json_object_get_string(k), s, path);
    }
    if (ok && (json_object_is_type(v, json_type_int) ||
               json_object_is_type(v, json_type_double))) {
        double d = json_object_get_double(v);
        if (json_object_object_get_ex(schema, "minimum", &k) &&
            d < json_object_get_double(k))
            ok = schema_fail(c, path, "below minimum");
        if (ok && json_object_object_get_ex(schema, "maximum", &k) &&
            d > json_object_get_double(k))
            ok = schema_fail(c, path, "above maximum");
    }
    if (ok && json_object_object_get_ex(schema, "allOf", &k)) {
        for (size_t i = 0; ok && i < json_object_array_length(k); i++)
            ok =
                schema_validate_at(c, json_object_array_get_idx(k, i), v, path);
    }
    if (ok && (json_object_object_get_ex(schema, "anyOf", &k) ||
               json_object_object_get_ex(schema, "oneOf", &k))) {
        bool one = json_object_object_get_ex(schema, "oneOf", NULL);
        size_t hits = 0;
        char saved[sizeof c->error];
        memcpy(saved, c->error, sizeof saved);
        for (size_t i = 0; i < json_object_array_length(k); i++) {
            c->error[0] = '\0';
            hits +=
                schema_validate_at(c, json_object_array_get_idx(k, i), v, path);
        }
        memcpy(c->error, saved, sizeof saved);
        if (hits == 0 || (one && hits != 1))
            ok = schema_fail(c, path,
                             hits == 0 ? "matches no alternative of anyOf/oneOf"
                                       : "matches several oneOf alternatives");
    }
    c->depth--;
    return ok;
}

/** Validate v against schema (the root of a schema document). On failure
 * err (if not NULL) receives "JSON-pointer: reason". */
static inline bool schema_validate(json_object *schema, json_object *v,
                                   char *err, size_t err_len)
{
    schema_ctx_t c;
    memset(&c, 0, sizeof c);
    c.root = schema;
    bool ok = schema_validate_at(&c, schema, v, "");
    if (err != NULL && err_len > 0) {
        const char *src = ok ? "" : c.error;
        size_t n = strlen(src) < err_len ? strlen(src) : err_len - 1;
        memcpy(err, src, n);
        err[n] = '\0';
    }
    return ok;
}

/** Validate a JSON text (one document) against schema. */
static inline bool schema_validate_text(json_object *schema, const char *text,
                                        char *err, size_t err_len)
{
    json_tokener *tok = json_tokener_new();
    if (tok == NULL)
        return false;
    json_object *v = json_tokener_parse_ex(tok, text, (int)strlen(text));
    enum json_tokener_error je = json_tokener_get_error(tok);
    bool ok = false;
    if (v == NULL || je != json_tokener_success) {
        snprintf(err, err_len, "not JSON: %s", json_tokener_error_desc(je));
    } else if (strspn(text + json_tokener_get_parse_end(tok), " \t\r\n") !=
               strlen(text + json_tokener_get_parse_end(tok))) {
        snprintf(err, err_len, "trailing data after the JSON value");
    } else {
        ok = schema_validate(schema, v, err, err_len);
    }
    json_object_put(v);
    json_tokener_free(tok);
    return ok;
}

#endif /* TRUSTPATH_TEST_SCHEMA_CHECK_H */
