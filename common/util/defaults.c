/* The IANA root hints and root trust anchors (data from
 * https://www.internic.net/domain/named.root and
 * https://data.iana.org/root-anchors/root-anchors.xml). */
#include "trustpath/defaults.h"

static const char root_hints[] =
    ".                        3600000      NS    A.ROOT-SERVERS.NET.\n"
    "A.ROOT-SERVERS.NET.      3600000      A     198.41.0.4\n"
    "A.ROOT-SERVERS.NET.      3600000      AAAA  2001:503:ba3e::2:30\n"
    ".                        3600000      NS    B.ROOT-SERVERS.NET.\n"
    "B.ROOT-SERVERS.NET.      3600000      A     170.247.170.2\n"
    "B.ROOT-SERVERS.NET.      3600000      AAAA  2801:1b8:10::b\n"
    ".                        3600000      NS    C.ROOT-SERVERS.NET.\n"
    "C.ROOT-SERVERS.NET.      3600000      A     192.33.4.12\n"
    "C.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:2::c\n"
    ".                        3600000      NS    D.ROOT-SERVERS.NET.\n"
    "D.ROOT-SERVERS.NET.      3600000      A     199.7.91.13\n"
    "D.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:2d::d\n"
    ".                        3600000      NS    E.ROOT-SERVERS.NET.\n"
    "E.ROOT-SERVERS.NET.      3600000      A     192.203.230.10\n"
    "E.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:a8::e\n"
    ".                        3600000      NS    F.ROOT-SERVERS.NET.\n"
    "F.ROOT-SERVERS.NET.      3600000      A     192.5.5.241\n"
    "F.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:2f::f\n"
    ".                        3600000      NS    G.ROOT-SERVERS.NET.\n"
    "G.ROOT-SERVERS.NET.      3600000      A     192.112.36.4\n"
    "G.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:12::d0d\n"
    ".                        3600000      NS    H.ROOT-SERVERS.NET.\n"
    "H.ROOT-SERVERS.NET.      3600000      A     198.97.190.53\n"
    "H.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:1::53\n"
    ".                        3600000      NS    I.ROOT-SERVERS.NET.\n"
    "I.ROOT-SERVERS.NET.      3600000      A     192.36.148.17\n"
    "I.ROOT-SERVERS.NET.      3600000      AAAA  2001:7fe::53\n"
    ".                        3600000      NS    J.ROOT-SERVERS.NET.\n"
    "J.ROOT-SERVERS.NET.      3600000      A     192.58.128.30\n"
    "J.ROOT-SERVERS.NET.      3600000      AAAA  2001:503:c27::2:30\n"
    ".                        3600000      NS    K.ROOT-SERVERS.NET.\n"
    "K.ROOT-SERVERS.NET.      3600000      A     193.0.14.129\n"
    "K.ROOT-SERVERS.NET.      3600000      AAAA  2001:7fd::1\n"
    ".                        3600000      NS    L.ROOT-SERVERS.NET.\n"
    "L.ROOT-SERVERS.NET.      3600000      A     199.7.83.42\n"
    "L.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:9f::42\n"
    ".                        3600000      NS    M.ROOT-SERVERS.NET.\n"
    "M.ROOT-SERVERS.NET.      3600000      A     202.12.27.33\n"
    "M.ROOT-SERVERS.NET.      3600000      AAAA  2001:dc3::35\n";

static const char trust_anchor[] =
    "; KSK-2017\n"
    ". IN DS 20326 8 2 "
    "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n"
    "; KSK-2024\n"
    ". IN DS 38696 8 2 "
    "683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16\n";

const char *tp_default_root_hints(void)
{
    return root_hints;
}

const char *tp_default_trust_anchor(void)
{
    return trust_anchor;
}
