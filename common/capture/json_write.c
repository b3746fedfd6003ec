/* Capture -> JSON (docs/capture.md). Names as presentation text, types as
 * mnemonics, responses as base64 (RFC 4648 section 4), times as ISO 8601
 * UTC plus millisecond offsets with microsecond precision. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <json.h>

#include "capture_int.h"
#include "trustpath/capture.h"
#include "trustpath/text.h"
#include "trustpath/wire.h"

/* Adds key -> value to obj; a NULL value (allocation failure) is reported
 * through *ok so callers can test once at the end. */
static void put(json_object *obj, const char *key, json_object *value, bool *ok)
{
    if (value == NULL || json_object_object_add(obj, key, value) != 0) {
        json_object_put(value);
        *ok = false;
    }
}

static json_object *name_json(const uint8_t *name)
{
    char text[TP_NAME_TEXT_MAX];

    if (name == NULL)
        return NULL;
    tp_name_to_text(name, text);
    return json_object_new_string(text);
}

static json_object *type_json(uint16_t type)
{
    char buf[16];
    return json_object_new_string(tp_type_to_text(type, buf));
}

/* Milliseconds with three decimals, written exactly ("12.345"). */
static json_object *ms_json(uint64_t us)
{
    char text[32];

    snprintf(text, sizeof(text), "%" PRIu64 ".%03u", us / 1000,
             (unsigned)(us % 1000));
    return json_object_new_double_s((double)us / 1000.0, text);
}

static json_object *flags_json(const tp_query_flags_t *f)
{
    json_object *o = json_object_new_object();
    bool ok = o != NULL;

    if (o == NULL)
        return NULL;
    put(o, "rd", json_object_new_boolean(f->rd), &ok);
    put(o, "cd", json_object_new_boolean(f->cd), &ok);
    put(o, "edns", json_object_new_boolean(f->edns), &ok);
    put(o, "do", json_object_new_boolean(f->do_bit), &ok);
    put(o, "udp_size", json_object_new_int(f->udp_size), &ok);
    if (!ok) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

static json_object *attempt_json(const tp_capture_attempt_t *a)
{
    json_object *o = json_object_new_object();
    bool ok = o != NULL;

    if (o == NULL)
        return NULL;
    put(o, "id", json_object_new_int(a->id), &ok);
    put(o, "transport", json_object_new_string(tp_transport_name(a->transport)),
        &ok);
    put(o, "start_ms", ms_json(a->start_us), &ok);
    put(o, "duration_ms", ms_json(a->duration_us), &ok);
    put(o, "outcome", json_object_new_string(tp_outcome_name(a->outcome)), &ok);
    if (!ok) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

static json_object *response_json(tp_bytes_t response)
{
    tp_buf_t b64;
    json_object *s;

    tp_buf_init(&b64, response.len / 3 * 4 + 8);
    if (tp_base64_encode(response, &b64) != TP_OK) {
        tp_buf_clear(&b64);
        return NULL;
    }
    s = json_object_new_string_len(tp_buf_str(&b64), (int)b64.len);
    tp_buf_clear(&b64);
    return s;
}

static json_object *query_json(const tp_capture_query_t *q)
{
    json_object *o = json_object_new_object();
    json_object *attempts;
    char buf[16];
    bool ok = o != NULL;

    if (o == NULL)
        return NULL;
    put(o, "server", json_object_new_string(q->server), &ok);
    if (q->port != 53)
        put(o, "port", json_object_new_int(q->port), &ok);
    if (q->server_name != NULL)
        put(o, "server_name", name_json(q->server_name), &ok);
    if (q->zone != NULL)
        put(o, "zone", name_json(q->zone), &ok);
    if (q->purpose != NULL)
        put(o, "purpose", json_object_new_string(q->purpose), &ok);
    put(o, "qname", name_json(q->qname), &ok);
    put(o, "qtype", type_json(q->qtype), &ok);
    put(o, "qclass", json_object_new_string(tp_class_to_text(q->qclass, buf)),
        &ok);
    put(o, "flags", flags_json(&q->flags), &ok);
    put(o, "transport", json_object_new_string(tp_transport_name(q->transport)),
        &ok);
    put(o, "start_ms", ms_json(q->start_us), &ok);
    put(o, "duration_ms", ms_json(q->duration_us), &ok);
    put(o, "outcome", json_object_new_string(tp_outcome_name(q->outcome)), &ok);
    if (q->response.len != 0)
        put(o, "response", response_json(q->response), &ok);
    if (q->detail != NULL)
        put(o, "detail", json_object_new_string(q->detail), &ok);
    attempts = json_object_new_array_ext((int)q->attempt_count);
    for (size_t i = 0; attempts != NULL && i < q->attempt_count; i++) {
        json_object *a = attempt_json(&q->attempts[i]);
        if (a == NULL || json_object_array_add(attempts, a) != 0) {
            json_object_put(a);
            ok = false;
            break;
        }
    }
    put(o, "attempts", attempts, &ok);
    if (!ok) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

static json_object *options_json(const tp_capture_options_t *opt)
{
    json_object *o = json_object_new_object();
    bool ok = o != NULL;

    if (o == NULL)
        return NULL;
    put(o, "timeout_ms", json_object_new_int64(opt->timeout_ms), &ok);
    put(o, "retries", json_object_new_int64(opt->retries), &ok);
    put(o, "deadline_ms", json_object_new_int64(opt->deadline_ms), &ok);
    put(o, "ipv4", json_object_new_boolean(opt->ipv4), &ok);
    put(o, "ipv6", json_object_new_boolean(opt->ipv6), &ok);
    put(o, "udp_size", json_object_new_int(opt->udp_size), &ok);
    if (!ok) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

static json_object *text_or_null(const char *text)
{
    return text != NULL ? json_object_new_string(text) : NULL;
}

static bool header_json(const tp_capture_t *cap, json_object *root)
{
    json_object *names = json_object_new_array();
    json_object *types = json_object_new_array();
    char when[32];
    bool ok = true;

    put(root, "trustpath_capture", json_object_new_int(TP_CAPTURE_VERSION),
        &ok);
    put(root, "tool", json_object_new_string(cap->tool ? cap->tool : ""), &ok);
    tp_capture_time_format(cap->start_time_ms, when);
    put(root, "start", json_object_new_string(when), &ok);
    tp_capture_time_format(cap->end_time_ms, when);
    put(root, "end", json_object_new_string(when), &ok);
    for (size_t i = 0; names != NULL && i < cap->name_count; i++) {
        json_object *n = name_json(cap->names[i]);
        if (n == NULL || json_object_array_add(names, n) != 0) {
            json_object_put(n);
            ok = false;
        }
    }
    put(root, "names", names, &ok);
    for (size_t i = 0; types != NULL && i < cap->type_count; i++) {
        json_object *t = type_json(cap->types[i]);
        if (t == NULL || json_object_array_add(types, t) != 0) {
            json_object_put(t);
            ok = false;
        }
    }
    put(root, "types", types, &ok);
    if (json_object_object_add(root, "root_hints",
                               text_or_null(cap->root_hints)) != 0 ||
        json_object_object_add(root, "trust_anchors",
                               text_or_null(cap->trust_anchors)) != 0)
        ok = false;
    put(root, "options", options_json(&cap->options), &ok);
    if (cap->limits_hit_count != 0) {
        json_object *limits = json_object_new_array();

        for (size_t i = 0; limits != NULL && i < cap->limits_hit_count; i++) {
            json_object *l = json_object_new_string(cap->limits_hit[i]);
            if (l == NULL || json_object_array_add(limits, l) != 0) {
                json_object_put(l);
                ok = false;
            }
        }
        put(root, "limits_hit", limits, &ok);
    }
    if (cap->source != TP_CAPTURE_SOURCE_AUTHORITATIVE)
        put(root, "source",
            json_object_new_string(tp_capture_source_name(cap->source)), &ok);
    if (cap->reference_time_ms != 0) {
        tp_capture_time_format(cap->reference_time_ms, when);
        put(root, "reference_time", json_object_new_string(when), &ok);
    }
    if (cap->stub_count != 0) {
        json_object *stubs = json_object_new_array();

        for (size_t i = 0; stubs != NULL && i < cap->stub_count; i++) {
            json_object *n = name_json(cap->stubs[i]);
            if (n == NULL || json_object_array_add(stubs, n) != 0) {
                json_object_put(n);
                ok = false;
            }
        }
        put(root, "stubs", stubs, &ok);
    }
    return ok;
}

tp_err_t tp_capture_to_json(const tp_capture_t *cap, bool pretty, tp_buf_t *out)
{
    json_object *root, *queries;
    const char *text;
    size_t text_len;
    tp_err_t err = TP_ENOMEM;
    bool ok;

    if (cap == NULL || out == NULL)
        return TP_EINVAL;
    root = json_object_new_object();
    if (root == NULL)
        return TP_ENOMEM;
    ok = header_json(cap, root);
    queries = json_object_new_array_ext((int)(cap->query_count & 0x7fffffff));
    for (size_t i = 0; ok && queries != NULL && i < cap->query_count; i++) {
        json_object *q = query_json(&cap->queries[i]);
        if (q == NULL || json_object_array_add(queries, q) != 0) {
            json_object_put(q);
            ok = false;
        }
    }
    put(root, "queries", queries, &ok);
    if (!ok)
        goto out;
    text = json_object_to_json_string_length(
        root,
        (pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
                : JSON_C_TO_STRING_PLAIN) |
            JSON_C_TO_STRING_NOSLASHESCAPE,
        &text_len);
    if (text == NULL)
        goto out;
    err = tp_buf_append(out, text, text_len);
    if (err == TP_OK)
        err = tp_buf_append_u8(out, '\n');
out:
    json_object_put(root);
    return err;
}
