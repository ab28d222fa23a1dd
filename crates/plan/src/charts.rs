//! Charts as inline SVG: no scripts, no outside files, printable. Labels are escaped by maud
//! like the rest of the page.

use maud::{html, Markup};

/// The `<svg>` frame of a chart: its accessible title and the title printed at its top.
fn frame(title: &str, width: usize, height: usize, body: Markup) -> Markup {
    html! {
        svg xmlns="http://www.w3.org/2000/svg" role="img" width=(width) height=(height)
            viewBox={ "0 0 " (width) " " (height) } {
            title { (title) }
            text x="0" y="16" font-size="14" font-weight="bold" { (title) }
            (body)
        }
    }
}

/// A horizontal bar chart of labelled counts.
pub fn bars(title: &str, data: &[(String, usize)], color: &str) -> Markup {
    let width = 520;
    let row = 26;
    let label_w = 150;
    let height = 34 + row * data.len().max(1);
    let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let body = html! {
        @for (i, (label, value)) in data.iter().enumerate() {
            @let y = 28 + i * row;
            @let w = (width - label_w - 60) * value / max;
            text x="0" y=(y + 13) font-size="12" { (label) }
            rect x=(label_w) y=(y) width=(w) height="18" fill=(color) {}
            text x=(label_w + w + 6) y=(y + 13) font-size="12" { (value) }
        }
    };
    frame(title, width, height, body)
}

/// A column chart of counts per day.
/// `empty` is said when there is nothing to draw. Every column's value is printed above it
/// (no hovering needed), with the first, middle and last day under the axis.
pub fn columns(title: &str, data: &[(String, u64)], color: &str, empty: &str) -> Markup {
    let width = 520;
    let height = 180;
    let chart_h = 120;
    let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let n = data.len().max(1);
    let slot = (width - 20) / n;
    let bar = slot.saturating_sub(4).max(2);
    let body = html! {
        @if data.is_empty() {
            text x="0" y="60" font-size="12" { (empty) }
        }
        @if !data.is_empty() {
            line x1="8" y1=(30 + chart_h) x2=(width - 8) y2=(30 + chart_h) stroke="#777" {}
        }
        @for (i, (day, value)) in data.iter().enumerate() {
            @let h = (chart_h as u64 * value / max) as usize;
            @let x = 10 + i * slot;
            rect x=(x) y=(30 + chart_h - h) width=(bar) height=(h) fill=(color) {
                title { (day) ": " (value) }
            }
            @if *value > 0 && n <= 31 {
                text x=(x) y=(30 + chart_h - h - 3) font-size="10" { (value) }
            }
            @if i == 0 || i + 1 == data.len() || (n > 4 && i == n / 2) {
                text x=(x) y=(30 + chart_h + 14) font-size="10" { (day.get(5..).unwrap_or(day)) }
            }
        }
    };
    frame(title, width, height, body)
}
