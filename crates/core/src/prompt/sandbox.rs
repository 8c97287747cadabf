//! The template sandbox: what one render of an untrusted template may cost.
//!
//! Custom templates come from API callers, so rendering must be bounded in memory as well as in
//! steps. minijinja's fuel ([`super::TEMPLATE_FUEL`]) counts instructions, and one instruction
//! can allocate without bound: `{{ "x" * 100000000 }}` is one multiplication, `s ~ s` doubles a
//! string, `|join` with a long separator or `|replace("", …)` multiply their input, and text
//! written inside `{% set %}` blocks or macros piles up in buffers the output never sees.
//! minijinja 3 has no hook for operators or for its output buffers, so the sandbox works on
//! the compiled template instead (minijinja's `unstable_machinery`, hence the exact version pin
//! in the workspace manifest):
//!
//! - Every `Add`, `Mul` and `~` (`StringConcat`) instruction is preceded by a call to a guard
//!   that charges the size of the result before it is built (and refuses lists past
//!   [`MAX_ITEMS`]), then hands the operands back unchanged (`CallFunction` + `UnpackList`).
//!   `SetAttr` (assigning to a namespace) and list/map/tuple literals get guards too: a value
//!   stored in a namespace may not contain that namespace (a cycle would leak and make
//!   printing it recurse forever) and no value may nest deeper than [`MAX_DEPTH`] (dropping or
//!   printing a deep value recurses). Jump targets are remapped, spans kept, so errors point
//!   at the right line.
//! - Raw template text is emitted like any value, so every byte written, whether to the
//!   output or into a `set` block, macro call or filter block, goes through one formatter that
//!   counts it against [`MAX_RENDERED_BYTES`] and stops the render there. Printing a value
//!   writes through a bounded writer, so even a value whose text would be huge costs nothing
//!   past the limit.
//! - Filters and functions that build strings or lists are wrapped: each charges what it will
//!   build (or, for `join` and `string`, builds through a bounded writer). `batch`, `slice`,
//!   `groupby`, `chain`, `zip`, `pprint`, `format` and `debug()` are not available: they nest
//!   or multiply values in ways that are hard to bound and prompt templates do not need them.
//! - Comparisons (`==`, `<`, `in`…) get a guard that charges the size of what they compare
//!   against [`MAX_WORK`], as does measuring values for the other guards: one comparison of a
//!   long list or string is one instruction but many steps. Macro and recursive-loop depth is
//!   limited.
//!
//! Everything built is charged once, when it is built, against [`MAX_BUILT_BYTES`]; nothing is
//! refunded. So a render's memory is bounded by the source, the context, and these limits,
//! whatever the template does. Past a limit, rendering stops with `template_too_complex`
//! (`template_output_too_large` for [`MAX_RENDERED_BYTES`]).

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::sync::{Arc, OnceLock};

use minijinja::machinery::{self, CompiledTemplate, Instruction, Instructions, TemplateConfig};
use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Rest, Value, ValueKind, ValueOrKwargs};
use minijinja::{filters, functions, AutoEscape, Environment, Error, ErrorKind, State};
use minijinja::{Output, UndefinedBehavior};

/// Most bytes of template source.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// Most bytes one render writes: the output, plus any text written into `{% set %}` blocks,
/// macro calls and filter blocks, counted each time it is written.
pub const MAX_RENDERED_BYTES: usize = 512 * 1024;

/// Most bytes of strings and lists one render builds with operators (`~`, `+`, `*`), filters
/// and functions, counted when built (a list counts [`ITEM_BYTES`] per item).
pub const MAX_BUILT_BYTES: usize = 4 * 1024 * 1024;

/// Most items in a list a template builds (`range`, `+`, `*`, `|list`…).
pub const MAX_ITEMS: usize = 10_000;

/// Deepest nesting of lists, maps and namespaces a template builds.
pub const MAX_DEPTH: usize = 32;

/// Most units of work (bytes measured, values visited) one render spends checking values.
pub const MAX_WORK: usize = 8 * 1024 * 1024;

/// What one list item is charged, in bytes (a minijinja value is 24 bytes, plus overhead).
pub const ITEM_BYTES: usize = 32;

/// minijinja's recursion limit (a macro call costs 4 levels plus its blocks): about 20 nested
/// macro calls or 60 levels of a recursive loop, far below what would exhaust a 1 MiB stack.
const RECURSION_LIMIT: usize = 128;

/// The guards' global names. They are not identifiers, so a template cannot call or shadow
/// them.
const GUARD_CONCAT: &str = "proseo:concat";
const GUARD_ADD: &str = "proseo:add";
const GUARD_MUL: &str = "proseo:mul";
const GUARD_SETATTR: &str = "proseo:setattr";
const GUARD_BUILD: &str = "proseo:build";
const GUARD_COMPARE: &str = "proseo:compare";

/// The start of the detail of the output-limit error (see [`super::PromptError`]).
pub(crate) const OUTPUT_LIMIT: &str = "the template wrote more than";

/// What a render has spent so far (a per-render `State` extension).
#[derive(Debug, Default)]
struct Spent {
    written: usize,
    built: usize,
    work: usize,
}

fn limit_error(what: String) -> Error {
    Error::new(ErrorKind::OutOfFuel, what)
}

fn spend(
    state: &mut State<'_, '_>,
    f: impl FnOnce(&mut Spent) -> Result<(), String>,
) -> Result<(), Error> {
    f(state.get_or_insert_extension(Spent::default())).map_err(limit_error)
}

/// Charges `bytes` built.
fn build(state: &mut State<'_, '_>, bytes: usize) -> Result<(), Error> {
    spend(state, |s| {
        s.built = s.built.saturating_add(bytes);
        if s.built > MAX_BUILT_BYTES {
            return Err(format!(
                "the template built more than {MAX_BUILT_BYTES} bytes of strings and lists"
            ));
        }
        Ok(())
    })
}

/// Charges `units` of work.
fn work(state: &mut State<'_, '_>, units: usize) -> Result<(), Error> {
    spend(state, |s| {
        s.work = s.work.saturating_add(units);
        if s.work > MAX_WORK {
            return Err(format!(
                "the template measured or compared more than {MAX_WORK} units of values"
            ));
        }
        Ok(())
    })
}

fn work_left(state: &mut State<'_, '_>) -> usize {
    MAX_WORK.saturating_sub(state.get_or_insert_extension(Spent::default()).work)
}

/// A writer that fails once more than `left` bytes have gone through it.
struct Bounded<W> {
    inner: W,
    left: usize,
    written: usize,
    overflow: bool,
}

impl<W> Bounded<W> {
    fn new(inner: W, left: usize) -> Self {
        Bounded {
            inner,
            left,
            written: 0,
            overflow: false,
        }
    }
}

impl<W: fmt::Write> fmt::Write for Bounded<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if s.len() > self.left - self.written {
            self.overflow = true;
            return Err(fmt::Error);
        }
        self.written += s.len();
        self.inner.write_str(s)
    }
}

/// A writer that only counts.
struct Count;

impl fmt::Write for Count {
    fn write_str(&mut self, _: &str) -> fmt::Result {
        Ok(())
    }
}

/// The length of `value`'s text (`{{ value }}`), measured against the work budget.
fn text_len(state: &mut State<'_, '_>, value: &Value) -> Result<usize, Error> {
    if let Some(s) = value.as_str() {
        return Ok(s.len());
    }
    let mut w = Bounded::new(Count, work_left(state));
    if write!(w, "{value}").is_err() {
        return Err(limit_error(format!(
            "a value's text is longer than the {MAX_WORK} units left to measure it"
        )));
    }
    work(state, w.written)?;
    Ok(w.written)
}

/// Items of a list-like value (its length, or its text length for a string).
fn items(value: &Value) -> usize {
    match value.kind() {
        ValueKind::String => value.as_str().map_or(0, str::len),
        _ => value.len().unwrap_or(0),
    }
}

fn too_many_items(n: usize) -> Error {
    limit_error(format!("a list of {n} items is more than {MAX_ITEMS}"))
}

// ----- the environment ------------------------------------------------------------------------

/// The sandboxed environment (built once).
pub(crate) fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(super::TEMPLATE_FUEL));
        env.set_debug(true);
        env.set_recursion_limit(RECURSION_LIMIT);
        env.set_auto_escape_callback(|_| AutoEscape::None);
        if let Ok(syntax) = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        env.set_formatter(format_value);
        for name in [
            "batch", "slice", "groupby", "chain", "zip", "pprint", "format",
        ] {
            env.remove_filter(name);
        }
        env.remove_global("debug");
        add_guards(&mut env);
        add_filters(&mut env);
        add_functions(&mut env);
        env
    })
}

/// Every `{{ value }}` and every piece of template text: written through a bounded writer and
/// counted against [`MAX_RENDERED_BYTES`].
fn format_value(
    out: &mut Output<'_>,
    state: &mut State<'_, '_>,
    value: &Value,
) -> Result<(), Error> {
    let written = state.get_or_insert_extension(Spent::default()).written;
    let mut w = Bounded::new(&mut *out, MAX_RENDERED_BYTES.saturating_sub(written));
    let result = match value.as_str() {
        Some(s) => w.write_str(s),
        None => write!(w, "{value}"),
    };
    let (n, overflow) = (w.written, w.overflow);
    state.get_or_insert_extension(Spent::default()).written += n;
    match result {
        Ok(()) => Ok(()),
        Err(_) if overflow => Err(limit_error(format!(
            "{OUTPUT_LIMIT} {MAX_RENDERED_BYTES} bytes"
        ))),
        Err(_) => Err(Error::new(
            ErrorKind::WriteFailure,
            "could not write the output",
        )),
    }
}

fn add_guards(env: &mut Environment<'static>) {
    // `a ~ b`: the text of both.
    env.add_function(
        GUARD_CONCAT,
        |state: &mut State<'_, '_>, a: Value, b: Value| {
            let n = text_len(state, &a)?.saturating_add(text_len(state, &b)?);
            build(state, n)?;
            Ok::<_, Error>(back(a, b))
        },
    );
    // `a + b`: two strings, or two lists (lazily joined, but counted as if copied).
    env.add_function(
        GUARD_ADD,
        |state: &mut State<'_, '_>, a: Value, b: Value| {
            match (a.kind(), b.kind()) {
                (ValueKind::String, ValueKind::String) => build(state, items(&a) + items(&b))?,
                (ValueKind::Seq | ValueKind::Iterable, ValueKind::Seq | ValueKind::Iterable) => {
                    let n = items(&a).saturating_add(items(&b));
                    if n > MAX_ITEMS {
                        return Err(too_many_items(n));
                    }
                    build(state, n * ITEM_BYTES)?;
                }
                _ => {}
            }
            Ok::<_, Error>(back(a, b))
        },
    );
    // `a * b`: a string or list repeated.
    env.add_function(
        GUARD_MUL,
        |state: &mut State<'_, '_>, a: Value, b: Value| {
            let times = |v: &Value| v.as_usize().unwrap_or(0);
            let repeated = match (a.kind(), b.kind()) {
                (ValueKind::String, ValueKind::Number) => Some((items(&a), times(&b), 1)),
                (ValueKind::Number, ValueKind::String) => Some((items(&b), times(&a), 1)),
                (ValueKind::Seq | ValueKind::Iterable, ValueKind::Number) => {
                    Some((items(&a), times(&b), ITEM_BYTES))
                }
                (ValueKind::Number, ValueKind::Seq | ValueKind::Iterable) => {
                    Some((items(&b), times(&a), ITEM_BYTES))
                }
                _ => None,
            };
            if let Some((len, n, unit)) = repeated {
                let total = len.saturating_mul(n);
                if unit == ITEM_BYTES && total > MAX_ITEMS {
                    return Err(too_many_items(total));
                }
                build(state, total.saturating_mul(unit))?;
            }
            Ok::<_, Error>(back(a, b))
        },
    );
    // `{% set ns.attr = value %}`: no cycle through the namespace, bounded nesting.
    env.add_function(
        GUARD_SETATTR,
        |state: &mut State<'_, '_>, value: Value, ns: Value| {
            check_nesting(state, &value, Some(&ns))?;
            Ok::<_, Error>(back(value, ns))
        },
    );
    // `==`, `<`, `in`…: as much work as the values are large (a list is compared item by
    // item, a string searched byte by byte).
    env.add_function(
        GUARD_COMPARE,
        |state: &mut State<'_, '_>, a: Value, b: Value| {
            let n = measure(state, &a)?.saturating_add(measure(state, &b)?);
            work(state, n)?;
            Ok::<_, Error>(back(a, b))
        },
    );
    // `[…]`, `(…)`, `{…}` literals: bounded nesting.
    env.add_function(
        GUARD_BUILD,
        |state: &mut State<'_, '_>, args: Rest<Value>| {
            for v in args.iter() {
                check_nesting(state, v, None)?;
            }
            let mut args = args.0;
            args.reverse();
            Ok::<_, Error>(Value::from(args))
        },
    );
}

/// The operands, in the order `UnpackList` pushes them back (it leaves the first item on top).
fn back(a: Value, b: Value) -> Value {
    Value::from(vec![b, a])
}

/// How much work reading all of `value` is: a string's bytes, a container's items (and theirs,
/// recursively), 1 for anything else. Measuring is itself charged as it goes, so a value too
/// large to measure within [`MAX_WORK`] fails.
fn measure(state: &mut State<'_, '_>, value: &Value) -> Result<usize, Error> {
    fn walk(v: &Value, total: &mut usize, left: usize) -> Result<(), ()> {
        *total += match v.as_str() {
            Some(s) => s.len(),
            None => 1,
        };
        if *total > left {
            return Err(());
        }
        if matches!(v.kind(), ValueKind::Seq | ValueKind::Map) {
            let Ok(iter) = v.try_iter() else {
                return Ok(());
            };
            for item in iter {
                if v.kind() == ValueKind::Map {
                    if let Ok(value) = v.get_item(&item) {
                        walk(&value, total, left)?;
                    }
                }
                walk(&item, total, left)?;
            }
        }
        Ok(())
    }
    if let Some(s) = value.as_str() {
        return Ok(s.len());
    }
    if !matches!(value.kind(), ValueKind::Seq | ValueKind::Map) {
        return Ok(1);
    }
    let left = work_left(state);
    let mut total = 0;
    let result = walk(value, &mut total, left);
    work(state, total.min(left))?;
    match result {
        Ok(()) => Ok(total),
        Err(()) => Err(limit_error(format!(
            "a value is larger than the {MAX_WORK} units left to compare it"
        ))),
    }
}

/// Fails if `value` nests deeper than [`MAX_DEPTH`] - 1 (it is about to be put in a container)
/// or, when `target` is a namespace being assigned to, if `target` is reachable from it.
/// Every value visited is charged as work.
fn check_nesting(
    state: &mut State<'_, '_>,
    value: &Value,
    target: Option<&Value>,
) -> Result<(), Error> {
    fn visit(
        v: &Value,
        target: Option<&Value>,
        depth: usize,
        visits: &mut usize,
    ) -> Result<(), String> {
        *visits += 1;
        if *visits > MAX_WORK {
            return Err(format!(
                "a value is larger than the {MAX_WORK} units left to check it"
            ));
        }
        if !matches!(
            v.kind(),
            ValueKind::Seq | ValueKind::Map | ValueKind::Iterable
        ) {
            return Ok(());
        }
        if target.is_some_and(|t| minijinja::tests::is_sameas(v, t)) {
            return Err("a namespace cannot contain itself".to_owned());
        }
        if depth >= MAX_DEPTH {
            return Err(format!("values nest deeper than {MAX_DEPTH} levels"));
        }
        if v.kind() == ValueKind::Iterable {
            // Lazy (a range, a joined list): its items are plain values or listed items that
            // were checked when they were built.
            return Ok(());
        }
        let Ok(iter) = v.try_iter() else {
            return Ok(());
        };
        for key in iter {
            if v.kind() == ValueKind::Map {
                visit(&key, target, depth + 1, visits)?;
                if let Ok(item) = v.get_item(&key) {
                    visit(&item, target, depth + 1, visits)?;
                }
            } else {
                visit(&key, target, depth + 1, visits)?;
            }
        }
        Ok(())
    }
    // Plain values need no walk.
    if !matches!(value.kind(), ValueKind::Seq | ValueKind::Map) {
        return Ok(());
    }
    let mut visits = 0;
    let result = visit(value, target, 1, &mut visits);
    work(state, visits)?;
    result.map_err(limit_error)
}

// ----- filters and functions ----------------------------------------------------------------

/// A builtin filter or function behind a check: `cost` says (and charges) what the call may
/// build, from its arguments, before the builtin runs.
fn wrap(
    builtin: Value,
    cost: fn(&mut State<'_, '_>, &[Value]) -> Result<(), Error>,
) -> impl Fn(&mut State<'_, '_>, Rest<ValueOrKwargs>) -> Result<Value, Error> + Send + Sync + 'static
{
    move |state: &mut State<'_, '_>, args: Rest<ValueOrKwargs>| {
        let args = args.into_values();
        cost(state, &args)?;
        builtin.call(state, &args)
    }
}

/// A copy of the first argument's text (case changes, trimming…).
fn cost_text(state: &mut State<'_, '_>, args: &[Value]) -> Result<(), Error> {
    let n = match args.first() {
        Some(v) => text_len(state, v)?,
        None => 0,
    };
    build(state, n)
}

/// HTML escaping: at most six bytes per byte (`'` → `&#x27;`).
fn cost_escape(state: &mut State<'_, '_>, args: &[Value]) -> Result<(), Error> {
    let n = match args.first() {
        Some(v) => text_len(state, v)?,
        None => 0,
    };
    build(state, n.saturating_mul(6))
}

/// A list as long as the first argument (a string counts its bytes: `|list` of a string is a
/// list of characters), plus its text for string splitting.
fn cost_list(state: &mut State<'_, '_>, args: &[Value]) -> Result<(), Error> {
    let Some(v) = args.first() else {
        return Ok(());
    };
    let n = items(v);
    if v.kind() != ValueKind::String && n > MAX_ITEMS {
        return Err(too_many_items(n));
    }
    let text = if v.kind() == ValueKind::String { n } else { 0 };
    build(
        state,
        n.saturating_add(1)
            .saturating_mul(ITEM_BYTES)
            .saturating_add(text),
    )
}

/// `|items`, `|dictsort`: a pair per entry.
fn cost_pairs(state: &mut State<'_, '_>, args: &[Value]) -> Result<(), Error> {
    let n = args.first().map_or(0, items);
    build(state, n.saturating_mul(3 * ITEM_BYTES))
}

/// `|replace(from, to)`: every match (the empty string matches between every character)
/// replaced.
fn cost_replace(state: &mut State<'_, '_>, args: &[Value]) -> Result<(), Error> {
    let [value, from, to, ..] = args else {
        return Ok(());
    };
    let (len, from, to) = (
        text_len(state, value)?,
        text_len(state, from)?,
        text_len(state, to)?,
    );
    let matches = len / from.max(1) + 1;
    build(state, len.saturating_add(matches.saturating_mul(to)))
}

/// `|indent(width)`: the width (a number, or a string's length) before every line.
fn cost_indent(state: &mut State<'_, '_>, args: &[Value]) -> Result<(), Error> {
    let Some(value) = args.first() else {
        return Ok(());
    };
    let len = text_len(state, value)?;
    let lines = value.as_str().map_or(len, |s| s.matches('\n').count()) + 1;
    let width = match args.get(1) {
        Some(w) if w.kind() == ValueKind::Number => w.as_usize().unwrap_or(usize::MAX),
        Some(w) if !w.is_kwargs() => text_len(state, w)?,
        _ => 4,
    };
    build(state, len.saturating_add(lines.saturating_mul(width)))
}

/// `|sum`: numbers only (summing strings or lists would copy the total at every step).
fn cost_sum(_: &mut State<'_, '_>, args: &[Value]) -> Result<(), Error> {
    let start = args.get(2).filter(|v| !v.is_kwargs()).cloned().or_else(|| {
        args.last()
            .filter(|v| v.is_kwargs())
            .and_then(|k| k.get_attr("start").ok())
            .filter(|v| !v.is_undefined())
    });
    match start {
        Some(s) if s.kind() != ValueKind::Number => Err(Error::new(
            ErrorKind::InvalidOperation,
            "sum adds numbers; join strings with |join",
        )),
        _ => Ok(()),
    }
}

fn add_filters(env: &mut Environment<'static>) {
    let text: &[(&str, Value)] = &[
        ("lower", Value::from_function(filters::lower)),
        ("upper", Value::from_function(filters::upper)),
        ("title", Value::from_function(filters::title)),
        ("capitalize", Value::from_function(filters::capitalize)),
        ("trim", Value::from_function(filters::trim)),
        ("reverse", Value::from_function(filters::reverse)),
    ];
    for (name, f) in text {
        env.add_filter(*name, wrap(f.clone(), cost_text));
    }
    let escape = Value::from_function(filters::escape);
    env.add_filter("escape", wrap(escape.clone(), cost_escape));
    env.add_filter("e", wrap(escape, cost_escape));
    let lists: &[(&str, Value)] = &[
        ("list", Value::from_function(filters::list)),
        ("sort", Value::from_function(filters::sort)),
        ("unique", Value::from_function(filters::unique)),
        ("split", Value::from_function(filters::split)),
        ("lines", Value::from_function(filters::lines)),
        ("select", Value::from_function(filters::select)),
        ("reject", Value::from_function(filters::reject)),
        ("selectattr", Value::from_function(filters::selectattr)),
        ("rejectattr", Value::from_function(filters::rejectattr)),
        ("map", Value::from_function(filters::map)),
    ];
    for (name, f) in lists {
        env.add_filter(*name, wrap(f.clone(), cost_list));
    }
    env.add_filter(
        "items",
        wrap(Value::from_function(filters::items), cost_pairs),
    );
    env.add_filter(
        "dictsort",
        wrap(Value::from_function(filters::dictsort), cost_pairs),
    );
    env.add_filter(
        "replace",
        wrap(Value::from_function(filters::replace), cost_replace),
    );
    env.add_filter(
        "indent",
        wrap(Value::from_function(filters::indent), cost_indent),
    );
    env.add_filter("sum", wrap(Value::from_function(filters::sum), cost_sum));
    env.add_filter(
        "string",
        wrap(Value::from_function(filters::string), cost_text),
    );
    env.add_filter("join", wrap(Value::from_function(filters::join), cost_join));
}

/// `|join(sep)`: every item's text (an upper bound for `attribute=` too) and a separator
/// between items.
fn cost_join(state: &mut State<'_, '_>, args: &[Value]) -> Result<(), Error> {
    let Some(value) = args.first() else {
        return Ok(());
    };
    let joiner = match args.get(1) {
        Some(j) if !j.is_kwargs() => text_len(state, j)?,
        _ => match args
            .last()
            .filter(|k| k.is_kwargs())
            .map(|k| k.get_attr("d"))
        {
            Some(Ok(d)) if !d.is_undefined() => text_len(state, &d)?,
            _ => 0,
        },
    };
    let mut n = 0usize;
    if let Ok(iter) = value.try_iter() {
        for item in iter {
            let len = text_len(state, &item)?;
            n = n.saturating_add(len).saturating_add(joiner);
        }
    }
    build(state, n)
}

fn add_functions(env: &mut Environment<'static>) {
    let range = Value::from_function(functions::range);
    env.add_function(
        "range",
        move |state: &mut State<'_, '_>, args: Rest<ValueOrKwargs>| {
            let r = range.call(state, &args.into_values())?;
            let n = r.len().unwrap_or(0);
            if n > MAX_ITEMS {
                return Err(too_many_items(n));
            }
            Ok::<_, Error>(r)
        },
    );
    // `dict(…)` and `namespace(…)`: an entry per argument, each checked for nesting.
    for (name, f) in [
        ("dict", Value::from_function(functions::dict)),
        ("namespace", Value::from_function(functions::namespace)),
    ] {
        env.add_function(
            name,
            move |state: &mut State<'_, '_>, args: Rest<ValueOrKwargs>| {
                let args = args.into_values();
                let mut entries = 0;
                for arg in args.iter() {
                    check_nesting(state, arg, None)?;
                    entries += arg.len().unwrap_or(1);
                }
                build(state, entries.saturating_mul(3 * ITEM_BYTES))?;
                f.call(state, &args)
            },
        );
    }
    // Tests that read their argument as text (`is startingwith`…): strings only, so a list
    // is not turned into text to be tested.
    for (name, f) in [
        (
            "startingwith",
            Value::from_function(minijinja::tests::is_startingwith),
        ),
        (
            "endingwith",
            Value::from_function(minijinja::tests::is_endingwith),
        ),
    ] {
        env.add_test(
            name,
            move |state: &mut State<'_, '_>, args: Rest<ValueOrKwargs>| {
                let args = args.into_values();
                if args.iter().any(|a| a.as_str().is_none()) {
                    return Ok::<_, Error>(false);
                }
                Ok(f.call(state, &args)?.is_true())
            },
        );
    }
}

// ----- constant folding ---------------------------------------------------------------------

/// Most bytes a constant expression may fold to. minijinja evaluates operators on literals
/// while compiling (`{{ "x" * 100000000 }}` is a 100 MB constant before anything runs), so the
/// sandbox estimates every constant expression first and refuses one past this.
pub const MAX_FOLDED_BYTES: usize = MAX_TEMPLATE_BYTES;

/// The size of a constant expression's value, as far as it matters: text bytes, list items, or
/// a number's magnitude (a number becomes a size when it multiplies a string or a list).
#[derive(Clone, Copy)]
enum Size {
    Text(f64),
    List(f64, f64),
    Number(f64),
    Small,
}

impl Size {
    fn bytes(self) -> f64 {
        match self {
            Size::Text(n) => n,
            Size::List(items, bytes) => items * ITEM_BYTES as f64 + bytes,
            Size::Number(_) => 40.0,
            Size::Small => 8.0,
        }
    }
}

/// Where a constant expression would fold past [`MAX_FOLDED_BYTES`]: `(line, bytes)`.
pub(crate) fn oversized_constant(source: &str) -> Result<Option<(u32, f64)>, Error> {
    let syntax = environment().syntax().clone();
    let ast = machinery::parse(source, "<string>", syntax)?;
    let mut found = None;
    walk_stmt(&ast, &mut found);
    Ok(found)
}

type Found = Option<(u32, f64)>;

fn walk_stmts(stmts: &[machinery::ast::Stmt<'_>], found: &mut Found) {
    for s in stmts {
        walk_stmt(s, found);
    }
}

fn walk_stmt(stmt: &machinery::ast::Stmt<'_>, found: &mut Found) {
    use machinery::ast::Stmt;
    if found.is_some() {
        return;
    }
    let mut e = |x: &machinery::ast::Expr<'_>| {
        walk_expr(x, found);
    };
    match stmt {
        Stmt::Template(t) => walk_stmts(&t.children, found),
        Stmt::EmitExpr(x) => e(&x.expr),
        Stmt::EmitRaw(_) => {}
        Stmt::ForLoop(f) => {
            e(&f.target);
            e(&f.iter);
            if let Some(x) = &f.filter_expr {
                e(x);
            }
            walk_stmts(&f.body, found);
            walk_stmts(&f.else_body, found);
        }
        Stmt::IfCond(c) => {
            e(&c.expr);
            walk_stmts(&c.true_body, found);
            walk_stmts(&c.false_body, found);
        }
        Stmt::WithBlock(w) => {
            for (a, b) in &w.assignments {
                e(a);
                e(b);
            }
            walk_stmts(&w.body, found);
        }
        Stmt::Set(x) => {
            e(&x.target);
            e(&x.expr);
        }
        Stmt::SetBlock(x) => {
            e(&x.target);
            if let Some(f) = &x.filter {
                e(f);
            }
            walk_stmts(&x.body, found);
        }
        Stmt::AutoEscape(x) => {
            e(&x.enabled);
            walk_stmts(&x.body, found);
        }
        Stmt::FilterBlock(x) => {
            e(&x.filter);
            walk_stmts(&x.body, found);
        }
        Stmt::Block(b) => walk_stmts(&b.body, found),
        Stmt::Import(x) => {
            e(&x.expr);
            e(&x.name);
        }
        Stmt::FromImport(x) => {
            e(&x.expr);
            for (a, b) in &x.names {
                e(a);
                if let Some(b) = b {
                    e(b);
                }
            }
        }
        Stmt::Extends(x) => e(&x.name),
        Stmt::Include(x) => e(&x.name),
        Stmt::Macro(m) => {
            m.args.iter().chain(&m.defaults).for_each(&mut e);
            walk_stmts(&m.body, found);
        }
        Stmt::CallBlock(c) => {
            walk_call(&c.call, found);
            let m = &c.macro_decl;
            for x in m.args.iter().chain(&m.defaults) {
                walk_expr(x, found);
            }
            walk_stmts(&m.body, found);
        }
        Stmt::Do(d) => walk_call(&d.call, found),
    }
}

fn walk_call(call: &machinery::ast::Call<'_>, found: &mut Found) {
    walk_expr(&call.expr, found);
    walk_args(&call.args, found);
}

fn walk_args(args: &[machinery::ast::CallArg<'_>], found: &mut Found) {
    use machinery::ast::CallArg;
    for a in args {
        match a {
            CallArg::Pos(x)
            | CallArg::Kwarg(_, x)
            | CallArg::PosSplat(x)
            | CallArg::KwargSplat(x) => {
                walk_expr(x, found);
            }
        }
    }
}

/// The folded size of `expr` when it is constant (`None` otherwise), recording the first
/// constant past [`MAX_FOLDED_BYTES`] in `found`. Mirrors minijinja's `Expr::as_const`: literals,
/// lists/tuples/maps of plain literals, and unary/binary operators and comparisons on constants.
fn walk_expr(expr: &machinery::ast::Expr<'_>, found: &mut Found) -> Option<Size> {
    use machinery::ast::{Expr, UnaryOpKind};
    let size = match expr {
        Expr::Const(c) => Some(match (c.value.as_str(), c.value.kind()) {
            (Some(s), _) => Size::Text(s.len() as f64),
            (None, ValueKind::Number) => {
                Size::Number(c.value.as_i64().map_or(f64::INFINITY, |n| (n as f64).abs()))
            }
            _ => Size::Small,
        }),
        Expr::List(l) => literal_list(&l.items, found),
        Expr::Tuple(t) => literal_list(&t.items, found),
        Expr::Map(m) => {
            let sizes: Vec<Option<Size>> = m
                .keys
                .iter()
                .chain(&m.values)
                .map(|x| walk_expr(x, found))
                .collect();
            let plain = m
                .keys
                .iter()
                .chain(&m.values)
                .all(|x| matches!(x, Expr::Const(_)));
            plain.then(|| {
                let bytes = sizes.iter().flatten().map(|s| s.bytes()).sum();
                Size::List(m.keys.len() as f64, bytes)
            })
        }
        Expr::UnaryOp(u) => {
            let inner = walk_expr(&u.expr, found);
            match u.op {
                UnaryOpKind::Not => inner.map(|_| Size::Small),
                UnaryOpKind::Neg => inner,
            }
        }
        Expr::BinOp(b) => {
            let (l, r) = (walk_expr(&b.left, found), walk_expr(&b.right, found));
            match (l, r) {
                (Some(l), Some(r)) => Some(binop(b.op, l, r)),
                _ => None,
            }
        }
        Expr::Compare(c) => {
            let mut constant = walk_expr(&c.expr, found).is_some();
            for op in &c.ops {
                constant &= walk_expr(&op.expr, found).is_some();
            }
            constant.then_some(Size::Small)
        }
        Expr::Var(_) => None,
        Expr::Slice(x) => {
            walk_expr(&x.expr, found);
            for y in [&x.start, &x.stop, &x.step].into_iter().flatten() {
                walk_expr(y, found);
            }
            None
        }
        Expr::IfExpr(x) => {
            walk_expr(&x.test_expr, found);
            walk_expr(&x.true_expr, found);
            if let Some(y) = &x.false_expr {
                walk_expr(y, found);
            }
            None
        }
        Expr::Filter(f) => {
            if let Some(x) = &f.expr {
                walk_expr(x, found);
            }
            walk_args(&f.args, found);
            None
        }
        Expr::Test(t) => {
            walk_expr(&t.expr, found);
            walk_args(&t.args, found);
            None
        }
        Expr::GetAttr(g) => {
            walk_expr(&g.expr, found);
            None
        }
        Expr::GetItem(g) => {
            walk_expr(&g.expr, found);
            walk_expr(&g.subscript_expr, found);
            None
        }
        Expr::Call(c) => {
            walk_call(c, found);
            None
        }
    };
    if let Some(s) = size {
        let bytes = s.bytes();
        // NaN (an infinite size times zero) counts as too large.
        let fits = bytes.partial_cmp(&(MAX_FOLDED_BYTES as f64))
            != Some(std::cmp::Ordering::Greater)
            && !bytes.is_nan();
        if found.is_none() && !fits {
            *found = Some((u32::from(expr.span().start_line), bytes));
        }
    }
    size
}

/// A list or tuple literal: constant when every item is a plain literal.
fn literal_list(items: &[machinery::ast::Expr<'_>], found: &mut Found) -> Option<Size> {
    let sizes: Vec<Option<Size>> = items.iter().map(|x| walk_expr(x, found)).collect();
    let plain = items
        .iter()
        .all(|x| matches!(x, machinery::ast::Expr::Const(_)));
    plain.then(|| {
        let bytes = sizes.iter().flatten().map(|s| s.bytes()).sum();
        Size::List(items.len() as f64, bytes)
    })
}

/// An upper bound of the size of `l op r` on constants.
fn binop(op: machinery::ast::BinOpKind, l: Size, r: Size) -> Size {
    use machinery::ast::BinOpKind as B;
    match (op, l, r) {
        (B::Mul, Size::Text(t), Size::Number(n)) | (B::Mul, Size::Number(n), Size::Text(t)) => {
            Size::Text(t * n)
        }
        (B::Mul, Size::List(i, b), Size::Number(n))
        | (B::Mul, Size::Number(n), Size::List(i, b)) => Size::List(i * n, b * n),
        (B::Mul, Size::Number(a), Size::Number(b)) => Size::Number(a * b),
        (B::Pow, Size::Number(a), Size::Number(b)) => Size::Number(a.powf(b)),
        (B::Add | B::Sub | B::Rem | B::FloorDiv, Size::Number(a), Size::Number(b)) => {
            Size::Number(a + b)
        }
        // A quotient can be as large as it likes (it is a float, which cannot repeat a
        // string, but stay on the safe side).
        (B::Div, Size::Number(_), Size::Number(_)) => Size::Number(f64::INFINITY),
        (B::Add, Size::Text(a), Size::Text(b)) => Size::Text(a + b),
        (B::Add, Size::List(i, a), Size::List(j, b)) => Size::List(i + j, a + b),
        // `~` writes both operands' text (a list's text quotes and separates its items).
        (B::Concat, l, r) => Size::Text(text_bytes(l) + text_bytes(r)),
        (B::ScAnd | B::ScOr, l, r) => {
            if l.bytes() >= r.bytes() {
                l
            } else {
                r
            }
        }
        _ => Size::Small,
    }
}

fn text_bytes(s: Size) -> f64 {
    match s {
        Size::Text(n) => n,
        Size::List(items, bytes) => bytes + 4.0 * items + 2.0,
        Size::Number(_) => 40.0,
        Size::Small => 8.0,
    }
}

// ----- compiling and rendering ----------------------------------------------------------------

/// A template compiled and rewritten for the sandbox.
pub(crate) struct Compiled<'s> {
    instructions: Instructions<'s>,
    blocks: BTreeMap<&'s str, Instructions<'s>>,
}

/// Compiles `source` and rewrites it for the sandbox (see the module docs).
pub(crate) fn compile(source: &str) -> Result<Compiled<'_>, Error> {
    let env = environment();
    let config = TemplateConfig {
        syntax_config: env.syntax().clone(),
        default_auto_escape: Arc::new(|_: &str| AutoEscape::None),
    };
    let compiled = CompiledTemplate::new("<string>", source, &config)?;
    Ok(Compiled {
        instructions: rewrite(&compiled.instructions)?,
        blocks: compiled
            .blocks
            .iter()
            .map(|(name, b)| rewrite(b).map(|b| (*name, b)))
            .collect::<Result<_, _>>()?,
    })
}

/// The guard called before `instr`, and how many stack values it takes and gives back.
fn guard_of(instr: &Instruction<'_>) -> Option<(&'static str, usize)> {
    Some(match instr {
        Instruction::Add => (GUARD_ADD, 2),
        Instruction::Mul => (GUARD_MUL, 2),
        Instruction::StringConcat => (GUARD_CONCAT, 2),
        Instruction::SetAttr(_) => (GUARD_SETATTR, 2),
        Instruction::Eq
        | Instruction::Ne
        | Instruction::Lt
        | Instruction::Lte
        | Instruction::Gt
        | Instruction::Gte
        | Instruction::In
        | Instruction::CompareAndPreserve(_) => (GUARD_COMPARE, 2),
        Instruction::BuildList(Some(n)) | Instruction::BuildTuple(Some(n)) if *n > 0 => {
            (GUARD_BUILD, *n)
        }
        Instruction::BuildMap(n) if *n > 0 => (GUARD_BUILD, n * 2),
        _ => return None,
    })
}

/// How many instructions `instr` becomes.
fn expansion(instr: &Instruction<'_>) -> u32 {
    match instr {
        Instruction::EmitRaw(_) => 2,
        _ if guard_of(instr).is_some() => 3,
        _ => 1,
    }
}

fn rewrite<'s>(old: &Instructions<'s>) -> Result<Instructions<'s>, Error> {
    let mut len = 0u32;
    while old.get(len).is_some() {
        len += 1;
    }
    // Where each old instruction starts in the new stream (and one past the end).
    let mut at = Vec::with_capacity(len as usize + 1);
    let mut next = 0u32;
    for i in 0..len {
        at.push(next);
        next += old.get(i).map_or(1, expansion);
    }
    at.push(next);
    let target = |t: u32| at.get(t as usize).copied().unwrap_or(next);
    let too_big = || Error::new(ErrorKind::InvalidOperation, "template too large");
    let guard = |name: &'static str, n: usize| -> Result<[Instruction<'s>; 2], Error> {
        let n16 = u16::try_from(n).map_err(|_| too_big())?;
        Ok([
            Instruction::CallFunction(name, Some(n16)),
            Instruction::UnpackList(n),
        ])
    };

    let mut new = Instructions::new(old.name(), old.source());
    for i in 0..len {
        let Some(instr) = old.get(i) else { break };
        let (span, line) = (old.get_span(i), old.get_line(i));
        let mut push = |ins: Instruction<'s>| match (span, line) {
            (Some(span), _) => new.add_with_span(ins, span),
            (None, Some(line)) => new.add_with_line(ins, u16::try_from(line).unwrap_or(u16::MAX)),
            _ => new.add(ins),
        };
        let prefix = match guard_of(instr) {
            Some((name, n)) => Some(guard(name, n)?),
            None => None,
        };
        for ins in prefix.into_iter().flatten() {
            push(ins);
        }
        match instr {
            Instruction::EmitRaw(raw) => {
                push(Instruction::LoadConst(Value::from(*raw)));
                push(Instruction::Emit);
            }
            Instruction::Jump(t) => {
                push(Instruction::Jump(target(*t)));
            }
            Instruction::JumpIfFalse(t) => {
                push(Instruction::JumpIfFalse(target(*t)));
            }
            Instruction::JumpIfFalseOrPop(t) => {
                push(Instruction::JumpIfFalseOrPop(target(*t)));
            }
            Instruction::JumpIfTrueOrPop(t) => {
                push(Instruction::JumpIfTrueOrPop(target(*t)));
            }
            Instruction::Iterate(t) => {
                push(Instruction::Iterate(target(*t)));
            }
            Instruction::BuildMacro(name, offset, flags) => {
                push(Instruction::BuildMacro(name, target(*offset), *flags));
            }
            other => {
                push(other.clone());
            }
        }
    }
    Ok(new)
}

/// Renders a compiled template with `ctx`: the whole output, and the state (for blocks).
pub(crate) fn render<'a>(
    compiled: &'a Compiled<'a>,
    ctx: Value,
) -> Result<(String, State<'a, 'a>), Error> {
    let mut output = String::new();
    let (_, state) = machinery::eval(
        environment(),
        &compiled.instructions,
        ctx,
        &compiled.blocks,
        &mut machinery::make_string_output(&mut output),
        AutoEscape::None,
    )?;
    Ok((output, state))
}
