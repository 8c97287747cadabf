//! The template sandbox (`prompt::sandbox`): rewriting compiled templates keeps what they
//! render, and every way we found to make one render allocate, write, nest or fold without
//! bound stops with a typed error instead. Memory figures are in `peak_memory.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proseo_core::error::ErrorCode;
use proseo_core::prompt::{
    render, render_template, PromptError, PromptOptions, TemplateRef, MAX_RENDERED_BYTES,
    MAX_TEMPLATE_BYTES,
};
use serde_json::json;

fn r(src: &str) -> Result<String, PromptError> {
    render_template(
        src,
        &json!({"n": 3, "s": "ab", "l": [1, 2, 3], "m": {"a": 1, "b": 2}}),
    )
}

fn ok(src: &str) -> String {
    r(src).unwrap_or_else(|e| panic!("{src}: {e}"))
}

fn code(src: &str) -> &'static str {
    match r(src) {
        Ok(out) => panic!("{src} rendered {} bytes", out.len()),
        Err(e) => e.code(),
    }
}

#[test]
fn rewritten_templates_render_as_before() {
    for (src, want) in [
        // Operators (each guarded) keep their operand order and meaning.
        ("{{ 5 - n }}", "2"),
        ("{{ n - 5 }}", "-2"),
        ("{{ s ~ n ~ l }}", "ab3[1, 2, 3]"),
        ("{{ s + 'c' }}", "abc"),
        ("{{ l + [4] }}", "[1, 2, 3, 4]"),
        ("{{ s * 2 }}|{{ 2 * s }}|{{ n * 2 }}", "abab|abab|6"),
        ("{{ (l * 2)|length }}", "6"),
        ("{{ 2 ** 10 }}", "1024"),
        // Comparisons (guarded), chained ones too.
        ("{{ 1 < n < 5 }}{{ 5 > n >= 3 }}{{ 'a' in s }}{{ 4 not in l }}{{ l == [1, 2, 3] }}{{ m != {} }}", "TrueTrueTrueTrueTrueTrue"),
        // Literals (guarded) and namespaces (guarded assignment).
        ("{{ [n, s, [1]] }}", "[3, 'ab', [1]]"),
        ("{{ {'k': l}['k'][1] }}", "2"),
        ("{{ (1, 2)[0] }}", "1"),
        (
            "{% set ns = namespace(t='') %}{% for x in l %}{% set ns.t = ns.t ~ x %}{% endfor %}{{ ns.t }}",
            "123",
        ),
        // Control flow: every jump target moved when raw text became two instructions.
        ("a{% if n > 2 %}b{% else %}c{% endif %}d", "abd"),
        ("{% for x in l %}[{{ x }}{% if loop.last %}!{% endif %}]{% else %}none{% endfor %}", "[1][2][3!]"),
        ("{% for x in [] %}x{% else %}none{% endfor %}", "none"),
        ("{{ 'y' if n and l else 'z' }}{{ n or 0 }}{{ false and 1 }}", "y3False"),
        ("{% for k, v in m|items %}{{ k }}={{ v }};{% endfor %}", "a=1;b=2;"),
        // Macros, call blocks, set blocks, filter blocks, recursion.
        ("{% macro w(x, y=2) %}<{{ x }}{{ y }}>{% endmacro %}{{ w(1) }}{{ w(1, y=3) }}", "<12><13>"),
        ("{% macro c() %}[{{ caller() }}]{% endmacro %}{% call c() %}in{% endcall %}", "[in]"),
        ("{% set b %}x{{ n }}y{% endset %}{{ b|upper }}", "X3Y"),
        ("{% filter upper %}a{{ s }}{% endfilter %}", "AAB"),
        (
            "{% for x in [{'c': [{'c': []}]}] recursive %}({{ loop(x.c) }}){% endfor %}",
            "(())",
        ),
        (
            "{% macro f(k) %}{% if k %}{{ k }}{{ f(k - 1) }}{% endif %}{% endmacro %}{{ f(4) }}",
            "4321",
        ),
        // Filters behind checks behave like the originals.
        (
            "{{ l|join(', ') }}|{{ l|join(d='-') }}|{{ [{'a': 1}, {'a': 2}]|join(',', attribute='a') }}",
            "1, 2, 3|1-2-3|1,2",
        ),
        ("{{ 'Hello World'|replace('o', '0') }}|{{ 'x'|replace('', '-') }}", "Hell0 W0rld|-x-"),
        ("{{ 'a\nb'|indent(2) }}|{{ 'a\nb'|indent(2, true) }}", "a\n  b|  a\n  b"),
        ("{{ '<&>'|e }}|{{ l|string }}|{{ l|sum }}|{{ l|sum(start=10) }}", "&lt;&amp;&gt;|[1, 2, 3]|6|16"),
        ("{{ 'a b'|split|list }}|{{ 'ab'|list }}|{{ l|reverse|list }}", "['a', 'b']|['a', 'b']|[3, 2, 1]"),
        ("{{ l|map('string')|join }}|{{ l|select('odd')|list }}|{{ [3, 1, 3]|unique|sort }}", "123|[1, 3]|[1, 3]"),
        ("{{ s|upper }}{{ s|title }}{{ ' x '|trim }}{{ s|capitalize }}", "ABAbxAb"),
        ("{{ range(3)|list }}{{ dict(a=1) }}{{ m|dictsort }}", "[0, 1, 2]{'a': 1}[('a', 1), ('b', 2)]"),
        ("{{ 'abc' is startingwith('a') }}{{ l is startingwith('a') }}", "TrueFalse"),
    ] {
        assert_eq!(ok(src), want, "{src}");
    }
}

#[test]
fn errors_still_point_at_their_line() {
    let e = r("one\ntwo {{ 'a' ~ nope }}").unwrap_err();
    assert_eq!(e.code(), "template_unknown_variable");
    assert_eq!(e.line(), Some(2));
    let e = r("a\nb\n{% for i in range(3) %}\n{{ 1 + 'x' }}{% endfor %}").unwrap_err();
    assert_eq!((e.code(), e.line()), ("template_render", Some(4)));
    // Filters the sandbox leaves out are unknown.
    for src in [
        "{{ l|batch(2) }}",
        "{{ l|pprint }}",
        "{{ '%s'|format(1) }}",
        "{{ l|groupby('x') }}",
        "{{ debug() }}",
    ] {
        assert_eq!(code(src), "template_render", "{src}");
    }
}

#[test]
fn templates_that_would_allocate_without_bound_stop() {
    for src in [
        // Folded while compiling: refused before anything runs.
        r#"{{ "x" * 100000000 }}"#,
        r#"{{ "x" * 1000 * 1000 * 1000 }}"#,
        r#"{{ [1, 2] * 50000000 }}"#,
        r#"{{ ("ab" * 40000) ~ ("ab" * 40000) }}"#,
        r#"{{ "x" * (10 ** 9) }}"#,
        // Built while rendering.
        r#"{{ s * 100000000 }}"#,
        r#"{{ l * 100000000 }}"#,
        r#"{% set ns = namespace(t="xxxxxxxx") %}{% for i in range(40) %}{% set ns.t = ns.t ~ ns.t %}{% endfor %}"#,
        r#"{% set ns = namespace(t="xxxxxxxx") %}{% for i in range(40) %}{% set ns.t = ns.t + ns.t %}{% endfor %}"#,
        r#"{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}"#,
        r#"{% macro d(t, k) %}{% if k %}{{ d(t ~ t, k - 1) }}{% endif %}{% endmacro %}{{ d(s * 1000, 15) }}"#,
        r#"{{ range(100000)|join("x" * 10000) }}"#,
        r#"{{ (s * 10000)|replace("", s * 10000) }}"#,
        r#"{{ (s * 10000)|indent(100000000, true) }}"#,
        r#"{{ (s * 100000)|list|list }}"#,
        r#"{{ range(50000)|list }}"#,
        r#"{{ ((s * 10000)|escape) ~ ((s * 10000)|escape) }}{% for i in range(1000) %}{% set x = (s * 4000)|e %}{% endfor %}"#,
        r#"{% set ns = namespace(d={}) %}{% for i in range(100000) %}{% set ns.d = dict(ns.d, **{i|string: s * 100}) %}{% endfor %}"#,
    ] {
        let c = code(src);
        assert_eq!(c, "template_too_complex", "{src}");
    }
    // `|sum` adds numbers only: summing strings would copy the total at every step.
    let e = r("{{ range(10000)|map('string')|sum(start='') }}").unwrap_err();
    assert_eq!(e.code(), "template_render");
    assert!(e.to_string().contains("sum adds numbers"), "{e}");
}

#[test]
fn comparisons_are_bounded_work() {
    // One `in` or `==` on a long list is one step of fuel but ten thousand comparisons: in a
    // loop, seconds of CPU. They are charged by size against the work budget.
    for src in [
        "{% set l = range(10000)|list %}{% for i in range(300) %}{% for j in range(300) %}{% if 9999 in l %}{% endif %}{% endfor %}{% endfor %}",
        "{% set a = range(10000)|list %}{% set b = range(10000)|list %}{% for i in range(300) %}{% for j in range(300) %}{% if a == b %}{% endif %}{% endfor %}{% endfor %}",
        "{% set t = s * 1000000 %}{% for i in range(300) %}{% for j in range(300) %}{% if 'zz' in t %}{% endif %}{% endfor %}{% endfor %}",
    ] {
        let e = r(src).unwrap_err();
        assert_eq!(e.code(), "template_too_complex", "{src}");
        assert!(e.to_string().contains("compare"), "{e}");
    }
    // Ordinary use is far below: a 50 KB description searched in a loop of 100.
    let desc = "word ".repeat(10_000);
    let out = render_template(
        "{% for i in range(100) %}{% if 'word' in d %}x{% endif %}{% endfor %}",
        &json!({ "d": desc }),
    )
    .unwrap();
    assert_eq!(out.len(), 100);
}

#[test]
fn writing_is_bounded_everywhere_text_goes() {
    let long = "z".repeat(32 * 1024);
    for src in [
        format!("{{% for i in range(10000) %}}{long}{{% endfor %}}"),
        // Into a set block, a macro's output and a filter block: counted as written.
        format!("{{% set big %}}{{% for i in range(10000) %}}{long}{{% endfor %}}{{% endset %}}{{{{ big|length }}}}"),
        format!("{{% macro m() %}}{{% for i in range(10000) %}}{long}{{% endfor %}}{{% endmacro %}}{{{{ m()|length }}}}"),
        format!("{{% filter length %}}{{% for i in range(10000) %}}{long}{{% endfor %}}{{% endfilter %}}"),
        format!("{{% macro d(k) %}}{{% if k %}}{{{{ d(k - 1) }}}}{{{{ d(k - 1) }}}}{{% else %}}{}{{% endif %}}{{% endmacro %}}{{{{ d(12) }}}}", "x".repeat(1000)),
        // A value printed: written through a bounded writer, never built whole.
        r#"{% set ns = namespace(l=["xxxxxxxxxxxxxxxx"]) %}{% for i in range(30) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l }}"#.into(),
    ] {
        let e = r(&src).unwrap_err();
        assert!(
            matches!(e.code(), "template_output_too_large" | "template_too_complex"),
            "{e}"
        );
    }
    let e = r(&format!("{{% for i in range(100) %}}{long}{{% endfor %}}")).unwrap_err();
    assert_eq!(e.code(), "template_output_too_large");
    assert!(
        e.to_string().contains(&MAX_RENDERED_BYTES.to_string()),
        "{e}"
    );
    // Up to the limit is fine.
    let out = ok(&format!("{{% for i in range(15) %}}{long}{{% endfor %}}"));
    assert_eq!(out.len(), 15 * long.len());
}

#[test]
fn sources_are_bounded() {
    let big = "x".repeat(MAX_TEMPLATE_BYTES + 1);
    let e = r(&big).unwrap_err();
    assert_eq!(e.code(), "template_too_large");
    assert!(ok(&"x".repeat(MAX_TEMPLATE_BYTES)).len() == MAX_TEMPLATE_BYTES);
    // Through `render` (custom prompt templates) too.
    let opts = PromptOptions {
        template: TemplateRef::Custom(big),
        ..PromptOptions::default()
    };
    let product = proseo_core::product::Product {
        name: "Mug".into(),
        ..Default::default()
    };
    assert_eq!(
        render(&opts, &product).unwrap_err().code(),
        "template_too_large"
    );
}

#[test]
fn namespaces_cannot_contain_themselves() {
    // Printing a namespace that contains itself recursed until the stack overflowed, and the
    // cycle leaked its memory; the assignment is refused.
    for src in [
        "{% set ns = namespace(a=1) %}{% set ns.me = ns %}{{ ns }}",
        "{% set ns = namespace() %}{% set ns.l = [1, [ns]] %}{{ ns }}",
        "{% set a = namespace() %}{% set b = namespace(a=a) %}{% set a.b = b %}{{ a }}",
        "{% set a = namespace() %}{% set b = namespace() %}{% set a.x = {'k': b} %}{% set b.y = a %}",
    ] {
        let e = r(src).unwrap_err();
        assert_eq!(e.code(), "template_too_complex", "{src}");
        assert!(e.to_string().contains("cannot contain itself"), "{e}");
    }
    // Other namespaces are fine.
    assert_eq!(
        ok("{% set a = namespace(v=1) %}{% set b = namespace(a=a) %}{% set b.x = [a] %}{{ b.x[0].v }}"),
        "1"
    );
}

/// The deepest values a template can build are dropped and printed on a 1 MiB stack (the
/// WebAssembly default), even in this unoptimized build: nesting is capped, in loops, in
/// literals and across macro recursion.
#[test]
fn deep_values_are_refused_before_they_overflow_the_stack() {
    let nested = |depth: usize| format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let cases: Vec<String> = vec![
        "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = [ns.l] %}{% endfor %}{{ ns.l }}".into(),
        "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = {'x': ns.l} %}{% endfor %}{{ ns.l }}".into(),
        "{% set ns = namespace(n=namespace()) %}{% for i in range(100000) %}{% set ns.n = namespace(p=ns.n) %}{% endfor %}{{ ns.n }}".into(),
        format!("{{% macro f(l, k) %}}{{% if k %}}{{{{ f({}, k - 1) }}}}{{% else %}}{{{{ l }}}}{{% endif %}}{{% endmacro %}}{{{{ f(1, 100) }}}}", nested(8).replace("1", "l")),
        // As deep as a literal gets here: minijinja's own parser and VM recurse per level, and
        // in this unoptimized test build their frames are several times a release build's.
        format!("{{{{ {} }}}}", nested(40)),
    ];
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            cases
                .iter()
                .map(|src| r(src).map_err(|e| e.code()))
                .collect::<Vec<_>>()
        })
        .unwrap();
    let results = handle.join().expect("rendering overflowed a 1 MiB stack");
    for res in &results[..4] {
        assert_eq!(res.as_ref().err(), Some(&"template_too_complex"), "{res:?}");
    }
}
