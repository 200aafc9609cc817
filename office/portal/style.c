/* The portal's own style sheet, served after the report's (office/html.h) as
 * /static/portal.css: the bar, forms, the dashboard's table (one card per order on a phone),
 * the milestone chain, requests. A file, not inline: the Content-Security-Policy allows
 * style only from the server. */
#include "portal_internal.h"

static const char css[] =
    "\n/* portal */\n"
    "body{margin:0 auto;padding:0 0 40px;max-width:none;background:#f6f7f9}"
    "main{max-width:1180px;margin:0 auto;padding:12px 16px;background:#fff;min-height:60vh}"
    ".report{max-width:1050px}\n"
    ".bar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;"
    "gap:6px 16px;background:#243447;color:#fff;padding:8px 16px}"
    ".bar a{color:#fff;text-decoration:none;margin-right:14px}.bar .brand{font-weight:bold;"
    "font-size:17px}.bar .muted{color:#c9d3dd}.who{font-size:13px}\n"
    /* the language links: the current one bold, set apart from the user's name */
    ".langs{margin-right:18px;padding-right:14px;border-right:1px solid #5b6b7c}"
    ".langs a{margin-right:8px}.langs b{margin-right:0}\n"
    "form.inline{display:inline}button.link{background:none;border:none;color:#fff;"
    "text-decoration:underline;cursor:pointer;font:inherit;padding:0 0 0 8px}\n"
    "button,.button{display:inline-block;background:#345;color:#fff;border:none;"
    "border-radius:6px;padding:8px 16px;font:inherit;cursor:pointer;text-decoration:none}"
    "button.approve{background:#2e7d32}button.reject{background:#c62828}\n"
    "input,select,textarea{font:inherit;padding:6px 8px;border:1px solid #99a;"
    "border-radius:5px;max-width:100%;box-sizing:border-box}\n"
    "label{display:inline-block;margin:0 12px 8px 0}"
    ".login{max-width:360px;margin:40px auto}.login label{display:block;margin:12px 0}"
    ".login input{width:100%}.error{color:#b71c1c;font-weight:bold}\n"
    ".counts{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0}"
    ".count{border:1px solid #ccd;border-radius:18px;padding:5px 14px;color:#222;"
    "text-decoration:none;background:#fff}.count.on{border:2px solid #243447;"
    "background:#e8eef5}.count b{font-size:16px;margin-right:4px}\n"
    ".filters{background:#f0f3f6;border-radius:8px;padding:10px 12px 2px;margin:8px 0}\n"
    ".lname{font-weight:bold;text-transform:uppercase;font-size:12px}"
    "ul.reasons{margin:4px 0 0;padding-left:18px;font-size:13px}"
    "ul.reasons li.lr-red{color:#b71c1c}ul.reasons li.lr-yellow{color:#7a5b00}\n"
    ".late{color:#b71c1c;font-weight:bold}\n"
    "table.orders tr.l-red td:first-child{border-left:6px solid #c62828}"
    "table.orders tr.l-yellow td:first-child{border-left:6px solid #f9a825}"
    "table.orders tr.l-green td:first-child{border-left:6px solid #2e7d32}\n"
    ".waiting{background:#fff8e1;border:1px solid #f0d48a;border-radius:8px;"
    "padding:4px 14px;margin:8px 0}.waiting h2{border:none;margin:6px 0;font-size:15px}\n"
    "ol.chain{list-style:none;padding:0;margin:0;border-left:3px solid #ccd}"
    "ol.chain li.ms{margin:0 0 10px;padding:6px 10px;position:relative}"
    "ol.chain li.ms.l-red{background:#fdecea}ol.chain li.ms.l-yellow{background:#fff8e1}"
    ".mbody span{margin-right:14px;color:#555;font-size:13px}.mbody .reason{color:#222}"
    ".tag.st{background:#607d8b}.approved{color:#1b5e20}\n"
    "ul.requests{list-style:none;padding:0}li.request{border:1px solid #dde;"
    "border-radius:8px;padding:8px 12px;margin:0 0 8px}li.request.st-pending{"
    "border-color:#f0d48a;background:#fffdf5}form.decide textarea{width:100%;display:block}"
    "form.decide label{display:block}\n"
    "details.ask{margin:8px 0}details.ask summary{cursor:pointer;color:#345;"
    "font-weight:bold}\n"
    ".actions{margin:8px 0}.photos a.full{display:block}\n"
    "nav.pages{margin:10px 0}nav.pages a{margin:0 6px}\n"
    /* a phone: one card per order, the column's name before each value */
    "@media (max-width:700px){main{padding:8px}.bar{padding:8px}"
    "table.orders,table.orders tbody,table.orders tr,table.orders td{display:block;"
    "width:auto}table.orders thead{display:none}table.orders tr{border:1px solid #ccd;"
    "border-radius:8px;margin:0 0 10px;padding:6px 8px;background:#fff}"
    "table.orders td{border:none;padding:3px 0}"
    "table.orders td::before{content:attr(data-label);display:block;font-size:11px;"
    "color:#667;text-transform:uppercase}"
    "table.orders td:first-child::before{display:none}"
    ".photos figure,.photos img{width:100%;height:auto;max-height:260px}"
    "label{display:block}select,input{width:100%}"
    /* other tables scroll sideways inside the page rather than widening it */
    "main table:not(.orders):not(.meta){display:block;overflow-x:auto;max-width:100%}"
    ".meta td{display:block;padding:0}.meta td:nth-child(odd){color:#667;font-size:12px;"
    "padding-top:6px}}\n"
    "@media print{.bar,.actions,details.ask,form{display:none}main{max-width:none}}\n";

const char *fq_portal_css(void)
{
    return css;
}
