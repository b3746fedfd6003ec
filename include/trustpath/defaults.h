/* Built-in defaults: the IANA root hints and root trust anchors, used when
 * --root-hints / --trust-anchor are not given. Tests never use them (no
 * test may query the real root); they pass the testbed's files instead. */
#ifndef TRUSTPATH_DEFAULTS_H
#define TRUSTPATH_DEFAULTS_H

/** The IANA root hints (named.root format), static text. */
const char *tp_default_root_hints(void);

/** The IANA root zone trust anchors as DS records in zone-file format:
 * KSK-2017 (key tag 20326) and KSK-2024 (key tag 38696). Static text. */
const char *tp_default_trust_anchor(void);

#endif /* TRUSTPATH_DEFAULTS_H */
