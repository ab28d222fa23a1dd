//! Charts as inline SVG: no scripts, no outside files, printable.

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar chart of labelled counts.
pub fn bars(title: &str, data: &[(String, usize)], color: &str) -> String {
    let width = 520;
    let row = 26;
    let label_w = 150;
    let height = 34 + row * data.len().max(1);
    let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\"><title>{}</title>\
         <text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        escape(title),
        escape(title)
    );
    for (i, (label, value)) in data.iter().enumerate() {
        let y = 28 + i * row;
        let w = (width - label_w - 60) * value / max;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"18\" fill=\"{color}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\">{value}</text>",
            y + 13,
            escape(label),
            label_w + w + 6,
            y + 13
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A column chart of counts per day.
pub fn columns(title: &str, data: &[(String, u64)], color: &str) -> String {
    let width = 520;
    let height = 180;
    let chart_h = 120;
    let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let n = data.len().max(1);
    let slot = (width - 20) / n;
    let bar = slot.saturating_sub(4).max(2);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\"><title>{}</title>\
         <text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        escape(title),
        escape(title)
    );
    if data.is_empty() {
        svg.push_str("<text x=\"0\" y=\"60\" font-size=\"12\">No hits in this period.</text>");
    }
    for (i, (day, value)) in data.iter().enumerate() {
        let h = (chart_h as u64 * value / max) as usize;
        let x = 10 + i * slot;
        let y = 30 + chart_h - h;
        svg.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\" fill=\"{color}\"><title>{}: {value}</title></rect>",
            escape(day)
        ));
        if i == 0 || i + 1 == data.len() {
            svg.push_str(&format!(
                "<text x=\"{x}\" y=\"{}\" font-size=\"10\">{}</text>",
                30 + chart_h + 14,
                escape(day.get(5..).unwrap_or(day))
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}
