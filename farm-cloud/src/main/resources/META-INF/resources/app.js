// Farm dashboard: greenhouse tiles with live values and output switches. Vietnamese first, English on request.
'use strict';

const TEXT = {
  vi: {
    title: 'Nhà kính của tôi', loading: 'Đang tải…', none: 'Chưa có nhà kính nào.',
    reconnecting: 'Mất kết nối máy chủ, đang kết nối lại…', online: 'Trực tuyến', offline: 'Mất kết nối',
    noDevice: 'Chưa gắn bộ điều khiển', seen: 'Cập nhật', never: 'chưa có dữ liệu', ago: 'trước',
    s: 'giây', min: 'phút', h: 'giờ', d: 'ngày', stale: 'số liệu cũ',
    soil_moisture: 'Độ ẩm đất', air_temperature: 'Nhiệt độ không khí', air_humidity: 'Độ ẩm không khí',
    vpd: 'VPD (độ thiếu hụt hơi nước)', light: 'Ánh sáng', soil_temperature: 'Nhiệt độ đất',
    pump: 'Máy bơm', fan: 'Quạt thông gió', 'grow-light': 'Đèn trồng cây', mist: 'Phun sương',
    'pump-power': 'Nguồn máy bơm', follows: 'tự động theo máy bơm (rơ-le an toàn)',
    isOn: 'Đang bật', isOff: 'Đang tắt', turnOn: 'Bật {m} phút', turnOff: 'Tắt',
    queued: 'Đang chờ gửi…', sent: 'Đã gửi, chờ thiết bị xác nhận…', applied: 'Thiết bị đã thực hiện',
    refused: 'Thiết bị từ chối', expired: 'Lệnh hết hạn, không thực hiện', timed_out: 'Thiết bị không phản hồi',
    failed: 'Không gửi được lệnh', cause: 'Lý do',
    loginTitle: 'Đăng nhập', loginName: 'Tên đăng nhập hoặc số điện thoại', password: 'Mật khẩu',
    signIn: 'Đăng nhập', signOut: 'Đăng xuất', wrong_login: 'Sai tên đăng nhập hoặc mật khẩu.',
    locked: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {m} phút.', loginFailed: 'Không đăng nhập được.',
    day: 'ngày {n}', notPlanted: 'chưa trồng',
    readOnly: 'Chỉ xem', admin: 'Quản trị', manager: 'Quản lý HTX', farmer: 'Nông dân', officer: 'Khuyến nông',
    noNetwork: 'Không có mạng', dataAt: 'số liệu lúc {time}',
    charts: 'Biểu đồ', back: 'Quay lại', ranges: 'Khoảng thời gian', day1: '24 giờ', week: '7 ngày',
    season: 'Cả vụ', days90: '90 ngày', spanSeason: 'Từ ngày trồng {date} đến nay',
    spanDays: '{n} ngày gần nhất, chưa có vụ trồng', spanHours: '24 giờ gần nhất', spanWeek: '7 ngày gần nhất',
    chartsLoading: 'Đang tải biểu đồ…', chartsOffline: 'Không có mạng: cần kết nối để xem biểu đồ.',
    chartsFailed: 'Không tải được biểu đồ.', noData: 'Chưa có số liệu trong khoảng này.',
    mean: 'Trung bình', range: 'Thấp nhất – cao nhất', latest: 'Mới nhất', notFound: 'Không thấy nhà kính này.',
    alertsTitle: 'Cảnh báo', ack: 'Đã biết', ackedBy: 'Đã biết: {who}', since: 'từ {time}',
    alertCount: '{n} cảnh báo', times: '{n} lần', ackFailed: 'Không ghi nhận được.',
    turnAuto: 'Tự động', minutes: '{m} phút', left: 'còn {t}', forMinutes: 'Thời gian bật',
    causeRule: 'tự động theo quy tắc', causeCommand: 'theo lệnh từ xa', causeOverride: 'giữ tại nhà kính',
    causeSafety: 'lớp an toàn', causeAuto: 'tự động',
    houses: '{n} nhà kính', onlineN: '{n} trực tuyến', offlineN: '{n} mất kết nối',
    harvestsTitle: 'Thu hoạch', harvestDate: 'Ngày', harvestKg: 'Số kg', harvestGrade: 'Loại (không bắt buộc)',
    harvestSave: 'Ghi thu hoạch', harvestTotal: 'Tổng {kg} kg', harvestNone: 'Chưa ghi lần thu hoạch nào.',
    harvestFailed: 'Không ghi được', harvestFix: 'Sửa', harvestFixSave: 'Lưu sửa', harvestVoid: 'Bỏ bản ghi nhầm',
    harvestNote: 'Lý do (không bắt buộc)', harvestFixFailed: 'Không sửa được',
    harvestConflict: 'Người khác vừa sửa bản ghi này trước bạn; đã tải lại bản mới nhất.',
    reportsLink: 'Báo cáo', needNetwork: 'Không có mạng: cần kết nối để xem và sửa.', saveFailed: 'Không lưu được',
    cyclesTitle: 'Vụ trồng', cycleStart: 'Bắt đầu vụ mới', cycleCrop: 'Cây trồng', cyclePlanted: 'Ngày trồng',
    cycleVariety: 'Giống (không bắt buộc)', cycleArea: 'Diện tích, m² (không bắt buộc)', cycleZone: 'Khu',
    cycleWhole: 'Cả nhà kính', cycleStartSave: 'Bắt đầu vụ', cycleCorrect: 'Sửa thông tin vụ',
    cycleHarvest: 'Dự kiến thu hoạch', cycleStage: 'Giai đoạn', stageProfile: 'Theo lịch của cây trồng',
    cycleEnded: 'Kết thúc vụ ngày (khi đã dọn vườn)', cycleNote: 'Lý do sửa (không bắt buộc)',
    cycleSave: 'Lưu sửa đổi', cycleSaved: 'Đã lưu.', recorded: 'ghi tại vườn',
    cycleConflict: 'Người khác vừa sửa vụ này trước bạn. Đã tải lại bản mới nhất: hãy xem lại rồi sửa tiếp.',
    cycleInfo: 'Trồng {planted} · dự kiến thu {harvest}', cyclesPast: 'Các vụ trước', cycleNone: 'Chưa có vụ nào.',
    reportTitle: 'Báo cáo vụ', reportOf: 'Xem báo cáo', today: 'nay', nDays: '{n} ngày',
    reportLoading: 'Đang tính báo cáo…', reportFailed: 'Không tải được báo cáo.',
    rYield: 'Sản lượng', rWater: 'Nước tưới', rGdd: 'Tích ôn (GDD)', gddUnit: '°C·ngày',
    rGddDays: '{n}/{d} ngày có số liệu', rVpd: 'VPD trong ngưỡng', rSoil: 'Độ ẩm đất trong ngưỡng',
    rBand: '{p} % của {h} giờ có số liệu', rNoData: 'chưa có số liệu', rEt: 'ET0 / ETc',
    rEvents: 'Cảnh báo / sự kiện an toàn', rCsv: 'Tải số liệu từng ngày (CSV)',
    rChartWater: 'Nước tưới và nhu cầu nước của cây (ETc) mỗi ngày, lít', rChartGdd: 'Tích ôn cộng dồn, °C·ngày',
    water: 'Nước tưới', etc: 'ETc', gddSum: 'Tích ôn',
    reportsTitle: 'Báo cáo mùa vụ', allCrops: 'Tất cả cây trồng', allCoops: 'Tất cả hợp tác xã',
    filterCoop: 'Hợp tác xã', barsKgM2: 'Năng suất, kg/m²', barsLKg: 'Nước cho mỗi kg sản phẩm, L/kg',
    noValue: 'chưa có', seasonsNone: 'Chưa có vụ nào phù hợp.', seasonsList: 'Các vụ', growing: 'đang trồng',
    more: 'Xem thêm', downloads: 'Tải về',
    dlSeasons: 'Số liệu các vụ (CSV)', dlHarvests: 'Các lần thu hoạch (CSV)', dlOpen: 'Dữ liệu mở (CSV)',
    reportsOffline: 'Không có mạng: cần kết nối để xem báo cáo.',
  },
  en: {
    title: 'My greenhouses', loading: 'Loading…', none: 'No greenhouses yet.',
    reconnecting: 'Lost the server, reconnecting…', online: 'Online', offline: 'Offline',
    noDevice: 'No controller assigned', seen: 'Updated', never: 'no data yet', ago: 'ago',
    s: 's', min: 'min', h: 'h', d: 'd', stale: 'old data',
    soil_moisture: 'Soil moisture', air_temperature: 'Air temperature', air_humidity: 'Air humidity',
    vpd: 'VPD (vapour pressure deficit)', light: 'Light', soil_temperature: 'Soil temperature',
    pump: 'Pump', fan: 'Fan', 'grow-light': 'Grow light', mist: 'Mist',
    'pump-power': 'Pump power', follows: 'follows the pump (safety relay)',
    isOn: 'On', isOff: 'Off', turnOn: 'On for {m} min', turnOff: 'Off',
    queued: 'Waiting to send…', sent: 'Sent, waiting for the device…', applied: 'Done by the device',
    refused: 'Refused by the device', expired: 'Command expired, not carried out',
    timed_out: 'No answer from the device', failed: 'Could not send the command', cause: 'Reason',
    loginTitle: 'Log in', loginName: 'Username or phone number', password: 'Password',
    signIn: 'Log in', signOut: 'Log out', wrong_login: 'Wrong username or password.',
    locked: 'Too many failed logins. Please try again in {m} min.', loginFailed: 'Could not log in.',
    day: 'day {n}', notPlanted: 'not planted yet',
    readOnly: 'View only', admin: 'Administrator', manager: 'Cooperative manager', farmer: 'Farmer',
    officer: 'Extension officer',
    noNetwork: 'No network', dataAt: 'values as of {time}',
    charts: 'Charts', back: 'Back', ranges: 'Time span', day1: '24 hours', week: '7 days',
    season: 'Season', days90: '90 days', spanSeason: 'Since planting on {date}',
    spanDays: 'The last {n} days, no crop planted', spanHours: 'The last 24 hours', spanWeek: 'The last 7 days',
    chartsLoading: 'Loading charts…', chartsOffline: 'No network: charts need a connection.',
    chartsFailed: 'Could not load the charts.', noData: 'No data in this span yet.',
    mean: 'Mean', range: 'Lowest – highest', latest: 'Latest', notFound: 'No such greenhouse.',
    alertsTitle: 'Alerts', ack: 'Acknowledge', ackedBy: 'Seen by {who}', since: 'since {time}',
    alertCount: '{n} alerts', times: '{n} times', ackFailed: 'Could not record it.',
    turnAuto: 'Auto', minutes: '{m} min', left: '{t} left', forMinutes: 'Run for',
    causeRule: 'automatic, by a rule', causeCommand: 'by remote command', causeOverride: 'held at the greenhouse',
    causeSafety: 'safety layer', causeAuto: 'automatic',
    houses: '{n} greenhouses', onlineN: '{n} online', offlineN: '{n} offline',
    harvestsTitle: 'Harvests', harvestDate: 'Date', harvestKg: 'Kilograms', harvestGrade: 'Grade (optional)',
    harvestSave: 'Record the harvest', harvestTotal: 'Total {kg} kg', harvestNone: 'No harvest recorded yet.',
    harvestFailed: 'Could not record it', harvestFix: 'Correct', harvestFixSave: 'Save the correction',
    harvestVoid: 'Void this mistaken record', harvestNote: 'Why (optional)', harvestFixFailed: 'Could not correct it',
    harvestConflict: 'Someone else corrected this record first; the latest version is shown.',
    reportsLink: 'Reports', needNetwork: 'No network: viewing and correcting need a connection.',
    saveFailed: 'Could not save', cyclesTitle: 'Crop cycles', cycleStart: 'Start a crop cycle', cycleCrop: 'Crop',
    cyclePlanted: 'Planting date', cycleVariety: 'Variety (optional)', cycleArea: 'Area, m² (optional)',
    cycleZone: 'Zone', cycleWhole: 'Whole greenhouse', cycleStartSave: 'Start the cycle',
    cycleCorrect: 'Correct this cycle', cycleHarvest: 'Expected harvest', cycleStage: 'Stage',
    stageProfile: 'As the crop profile says', cycleEnded: 'Season ended on (once cleared)',
    cycleNote: 'Why (optional)', cycleSave: 'Save the correction', cycleSaved: 'Saved.', recorded: 'recorded',
    cycleConflict: 'Someone else corrected this cycle first. The latest version is loaded: check it and correct again.',
    cycleInfo: 'Planted {planted} · harvest expected {harvest}', cyclesPast: 'Earlier cycles',
    cycleNone: 'No crop cycle yet.',
    reportTitle: 'Season report', reportOf: 'See the report', today: 'today', nDays: '{n} days',
    reportLoading: 'Working out the report…', reportFailed: 'Could not load the report.',
    rYield: 'Yield', rWater: 'Water', rGdd: 'Degree days (GDD)', gddUnit: '°C·days',
    rGddDays: '{n} of {d} days with data', rVpd: 'VPD in band', rSoil: 'Soil moisture in band',
    rBand: '{p} % of {h} hours with data', rNoData: 'no data yet', rEt: 'ET0 / ETc',
    rEvents: 'Alerts / safety events', rCsv: 'Download the days (CSV)',
    rChartWater: 'Water given and the crop\'s need (ETc) per day, litres', rChartGdd: 'Degree days so far, °C·days',
    water: 'Water given', etc: 'ETc', gddSum: 'Degree days',
    reportsTitle: 'Season reports', allCrops: 'All crops', allCoops: 'All cooperatives', filterCoop: 'Cooperative',
    barsKgM2: 'Yield, kg/m²', barsLKg: 'Water per kg of produce, L/kg', noValue: 'none yet',
    seasonsNone: 'No crop cycles match.',
    seasonsList: 'Crop cycles', growing: 'growing', more: 'Show more', downloads: 'Download',
    dlSeasons: 'Season figures (CSV)', dlHarvests: 'Harvest records (CSV)', dlOpen: 'Open data (CSV)',
    reportsOffline: 'No network: reports need a connection.',
  },
};
const ORDER = ['soil_moisture', 'air_temperature', 'air_humidity', 'vpd', 'light', 'soil_temperature'];
const DIGITS = { soil_moisture: 0, air_temperature: 1, air_humidity: 0, vpd: 2, light: 0, soil_temperature: 1 };
// Outputs in the order a grower thinks of them; any other output follows, by id.
const OUTPUTS = ['pump', 'fan', 'mist', 'grow-light', 'pump-power'];
// Supply relays in series with another output: the controller moves them with it, so they are shown, not switched.
const FOLLOWERS = new Set(['pump-power']);
const STALE_MS = 3 * 60 * 1000;
const ON_MINUTES = 5;
// How long a farmer may switch an output on for from the phone, minutes; the safety layer may still end it sooner.
const RUN_MINUTES = [5, 15, 30, 60];
// The detail screen charts these, in this order.
const CHARTED = ['soil_moisture', 'air_temperature', 'air_humidity', 'vpd', 'light'];
// Charts and times are in the farm's time zone (the cloud's farm.timezone; Vietnam has one zone and no summer time).
const TZ = 'Asia/Ho_Chi_Minh';
const TZ_OFFSET = '+07:00';
// uPlot from its webjar, at the version the parent pom pins (uplot.version).
const UPLOT = 'webjars/uplot/1.6.30/dist/';
// Points per series a chart asks for: more than a phone's width shows apart, far fewer than a season of readings.
const CHART_POINTS = 200;
const SNAPSHOT = 'farm.snapshot';

let lang = localStorage.getItem('lang') || 'vi';
let me = null;        // the person logged in, from /api/session
let source = null;    // the live EventSource while logged in
let live = false;     // true while the values shown come from the server as they change
let dataAt = null;    // when the values shown were last known to be current (ms since the epoch)
const greenhouses = new Map(); // deviceId (or 'gh-<id>') -> one controller of a greenhouse, see units()
const commands = new Map();    // deviceId/actuator -> last command row
const alerts = new Map();      // alert id -> open alert of a greenhouse the person sees
const runFor = new Map();      // deviceId/actuator -> minutes chosen for "on"
const cooperatives = new Map(); // cooperative id -> name, for the overview managers and officers see

function t(key) { return (TEXT[lang] && TEXT[lang][key]) || TEXT.en[key] || key; }

function ago(iso) {
  if (!iso) return t('never');
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} ${t('s')} ${t('ago')}`;
  if (s < 3600) return `${Math.round(s / 60)} ${t('min')} ${t('ago')}`;
  if (s < 86400) return `${Math.round(s / 3600)} ${t('h')} ${t('ago')}`;
  return `${Math.round(s / 86400)} ${t('d')} ${t('ago')}`;
}

function number(v, digits) {
  return v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB',
    { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

// Several probes of one quantity (two soil probes) are shown as their mean, as a farmer reads "the soil".
function summarize(readings) {
  const by = new Map();
  for (const r of readings || []) {
    const cur = by.get(r.quantity) || { sum: 0, n: 0, unit: r.unit, at: r.at };
    cur.sum += r.value; cur.n += 1; if (r.at < cur.at) cur.at = r.at;
    by.set(r.quantity, cur);
  }
  return by;
}

function render() {
  document.documentElement.lang = lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  const button = document.getElementById('lang');
  button.textContent = lang === 'vi' ? 'EN' : 'VI';
  button.setAttribute('aria-label', lang === 'vi' ? 'English' : 'Tiếng Việt');
  const who = document.getElementById('me');
  who.textContent = me ? `${me.displayName} · ${t(me.role)}` + (me.cooperativeName ? ` · ${me.cooperativeName}` : '') : '';
  who.hidden = !me;
  document.getElementById('logout').hidden = !me;
  document.getElementById('reports-link').hidden = !me;
  renderConn();
  if (!me) return;
  renderDetail();
  renderReports();
  renderAlerts();
  const main = document.getElementById('greenhouses');
  main.replaceChildren();
  if (greenhouses.size === 0) {
    const p = document.createElement('p'); p.className = 'empty'; p.textContent = t('none'); main.append(p);
    return;
  }
  if (me.role === 'farmer') {
    for (const g of greenhouses.values()) main.append(tile(g));
    return;
  }
  // Managers, officers and administrators get each cooperative's overview above its greenhouses.
  const byCoop = new Map();
  for (const g of greenhouses.values()) {
    if (!byCoop.has(g.cooperativeId)) byCoop.set(g.cooperativeId, []);
    byCoop.get(g.cooperativeId).push(g);
  }
  for (const [coop, list] of byCoop) {
    main.append(overview(coop, list));
    for (const g of list) main.append(tile(g));
  }
}

// "HTX Rau an toàn Mộc Châu — 2 nhà kính · 2 trực tuyến · 1 cảnh báo".
function overview(coop, list) {
  const head = document.createElement('section');
  head.className = 'coop'; head.dataset.cooperative = coop;
  const h = document.createElement('h2'); h.textContent = cooperatives.get(coop) || `HTX ${coop}`;
  const online = list.filter(g => g.deviceId && g.online).length;
  const offline = list.filter(g => g.deviceId && !g.online).length;
  const houses = new Set(list.map(g => g.id)).size;
  const open = [...alerts.values()].filter(a => a.cooperativeId === coop).length;
  const p = document.createElement('p'); p.className = 'summary';
  p.textContent = [t('houses').replace('{n}', houses), t('onlineN').replace('{n}', online),
    offline ? t('offlineN').replace('{n}', offline) : null, open ? t('alertCount').replace('{n}', open) : null]
    .filter(Boolean).join(' · ');
  if (offline || open) p.classList.add('attention');
  head.append(h, p);
  return head;
}

// The open alerts, newest first: what needs a person, above the tiles. Officers read them; others acknowledge.
function renderAlerts() {
  const box = document.getElementById('alerts');
  const list = [...alerts.values()].sort((a, b) => b.id - a.id);
  box.hidden = list.length === 0 || screen !== 'tiles';
  const ul = box.querySelector('ul');
  ul.replaceChildren();
  for (const a of list) {
    const li = document.createElement('li');
    li.className = `alert ${a.severity}`; li.dataset.alertId = a.id; li.dataset.kind = a.kind;
    const text = document.createElement('p'); text.className = 'text';
    text.textContent = lang === 'vi' ? a.textVi : a.textEn;
    const meta = document.createElement('p'); meta.className = 'meta';
    meta.textContent = [t('since').replace('{time}', clock(Date.parse(a.openedAt))),
      a.occurrences > 1 ? t('times').replace('{n}', a.occurrences) : null,
      a.ackedBy ? t('ackedBy').replace('{who}', a.ackedBy) : null].filter(Boolean).join(' · ');
    li.append(text, meta);
    if (!a.ackedBy && me && me.role !== 'officer') {
      const ack = document.createElement('button'); ack.type = 'button'; ack.className = 'ack';
      ack.textContent = t('ack'); ack.disabled = !live;
      ack.onclick = () => acknowledge(a.id, ack);
      li.append(ack);
    }
    ul.append(li);
  }
}

async function acknowledge(id, button) {
  button.disabled = true;
  try {
    const res = await fetch(`/api/alerts/${id}/ack`, { method: 'POST' });
    if (res.status === 401) { showLogin(); return; }
    if (!res.ok) throw new Error(res.status);
    onAlert(await res.json());
  } catch (e) {
    button.disabled = false; button.textContent = t('ackFailed');
  }
}

function onAlert(a) {
  if (a.closedAt) alerts.delete(a.id); else alerts.set(a.id, a);
  render();
}

async function loadCooperatives() {
  if (me && me.role === 'farmer') return;
  const res = await fetch('/api/cooperatives');
  if (!res.ok) return;
  for (const c of await res.json()) cooperatives.set(c.id, c.name);
}

async function loadAlerts() {
  const res = await fetch('/api/alerts?open=true&limit=200');
  if (!res.ok) return;
  const body = await res.json();
  alerts.clear();
  for (const a of body.alerts) alerts.set(a.id, a);
}

// "Không có mạng — số liệu lúc 14:05": why the values are not live, and how old they are.
function renderConn() {
  document.querySelector('#conn .why').textContent = navigator.onLine === false ? t('noNetwork') : t('reconnecting');
  const since = document.getElementById('data-time');
  since.hidden = live || !me || !dataAt;
  since.textContent = since.hidden ? '' : ` — ${t('dataAt').replace('{time}', clock(dataAt))}`;
}

// 14:05 today, or 14:05 1/12 for an older day, in the farm's time zone.
function clock(ms) {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const time = new Date(ms).toLocaleTimeString(locale, { timeZone: TZ, hour: '2-digit', minute: '2-digit' });
  if (localDay(ms) === localDay(Date.now())) return time;
  return `${time} ${new Date(ms).toLocaleDateString(locale, { timeZone: TZ, day: 'numeric', month: 'numeric' })}`;
}

// YYYY-MM-DD of an instant in the farm's time zone.
function localDay(ms) { return new Date(ms).toLocaleDateString('en-CA', { timeZone: TZ }); }

function tile(g) {
  const node = document.getElementById('tile').content.firstElementChild.cloneNode(true);
  node.dataset.device = g.deviceId || '';
  // Attributes, not .href: the clone still belongs to the template's document, whose address is about:blank.
  const open = document.createElement('a');
  open.className = 'open'; open.setAttribute('href', detailHref(g)); open.textContent = unitName(g);
  node.querySelector('.name').append(open);
  const charts = node.querySelector('.charts');
  charts.setAttribute('href', detailHref(g)); charts.textContent = t('charts');
  const online = node.querySelector('.online');
  online.textContent = g.deviceId ? (g.online ? t('online') : t('offline')) : t('noDevice');
  online.className = 'online ' + (g.online ? 'yes' : 'no') + (live ? '' : ' old');
  if (!live) online.title = t('stale');
  node.querySelector('.seen').textContent = `${t('seen')}: ${ago(g.lastSeen)}`;
  // A tile of one controller of several counts that controller's alerts; the greenhouse's own go on every tile.
  const alerting = [...alerts.values()].filter(a => a.greenhouseId === g.id
    && (!g.part || !a.deviceId || a.deviceId === g.deviceId)).length;
  const badge = node.querySelector('.alert-count');
  badge.hidden = alerting === 0;
  badge.textContent = t('alertCount').replace('{n}', alerting);
  const crop = node.querySelector('.crop');
  crop.textContent = (g.cropCycles || []).map(cropLine).join('; ');
  crop.hidden = !crop.textContent;
  const values = node.querySelector('.values');
  const summary = summarize(g.latest);
  for (const q of ORDER) {
    const s = summary.get(q);
    if (!s) continue;
    const dt = document.createElement('dt'); dt.textContent = t(q);
    const dd = document.createElement('dd'); dd.dataset.quantity = q;
    dd.textContent = `${number(s.sum / s.n, DIGITS[q])} ${s.unit}`;
    if (!live || Date.now() - Date.parse(s.at) > STALE_MS) { dd.classList.add('stale'); dd.title = t('stale'); }
    values.append(dt, dd);
  }
  const outputs = node.querySelector('.outputs');
  const rank = (id) => (OUTPUTS.indexOf(id) + 1) || OUTPUTS.length + 1;
  const entries = Object.entries(g.actuators || {}).sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
  for (const [id, state] of entries) outputs.append(output(g, id, state));
  return node;
}

// "Cà chua Savior · ngày 45 · Phát triển thân lá": the crop, its day from planting and its stage.
function cropLine(c) {
  const name = (c.cropNames && (c.cropNames[lang] || c.cropNames.en)) || c.crop;
  const stage = c.stage ? (c.stage.names[lang] || c.stage.names.en) : t('notPlanted');
  return [c.variety ? `${name} ${c.variety}` : name, c.day >= 0 ? t('day').replace('{n}', c.day) : null, stage]
    .filter(Boolean).join(' · ');
}

function output(g, id, state) {
  const box = document.createElement('div'); box.className = 'output'; box.dataset.actuator = id;
  const row = document.createElement('div'); row.className = 'row';
  const label = document.createElement('span'); label.className = 'label'; label.textContent = t(id);
  const st = document.createElement('span'); st.className = 'state' + (state.on ? ' on' : '');
  st.textContent = state.on ? t('isOn') : t('isOff');
  const buttons = document.createElement('div'); buttons.className = 'buttons';
  const key = `${g.deviceId}/${id}`;
  const cmd = commands.get(key);
  const busy = cmd && (cmd.status === 'queued' || cmd.status === 'sent');
  const minutes = runFor.get(key) || ON_MINUTES;
  const on = document.createElement('button'); on.type = 'button'; on.className = 'on'; on.dataset.action = 'on';
  on.textContent = t('turnOn').replace('{m}', minutes);
  on.onclick = () => send(g.deviceId, id, 'on', minutes * 60);
  const off = document.createElement('button'); off.type = 'button'; off.dataset.action = 'off';
  off.textContent = t('turnOff'); off.onclick = () => send(g.deviceId, id, 'off');
  const auto = document.createElement('button'); auto.type = 'button'; auto.dataset.action = 'auto';
  auto.textContent = t('turnAuto'); auto.onclick = () => send(g.deviceId, id, 'auto');
  const pick = document.createElement('select'); pick.className = 'duration';
  pick.setAttribute('aria-label', t('forMinutes'));
  for (const m of RUN_MINUTES) pick.append(new Option(t('minutes').replace('{m}', m), m, false, m === minutes));
  pick.onchange = () => { runFor.set(key, Number(pick.value)); render(); };
  on.disabled = off.disabled = auto.disabled = pick.disabled = busy || !g.online || !live; // offline: unfollowable
  if (FOLLOWERS.has(id)) {
    const note = document.createElement('small'); note.textContent = t('follows');
    buttons.append(note);
  } else if (me && me.role === 'officer') {
    const note = document.createElement('small'); note.className = 'readonly'; note.textContent = t('readOnly');
    buttons.append(note);
  } else {
    buttons.append(pick, on, off, auto);
  }
  row.append(label, st, buttons);
  box.append(row);
  const why = document.createElement('p'); why.className = 'why';
  why.textContent = [cause(state.cause), remaining(state.until)].filter(Boolean).join(' · ');
  if (why.textContent && !FOLLOWERS.has(id)) box.append(why);
  if (cmd) {
    const p = document.createElement('p');
    const pending = cmd.status === 'queued' || cmd.status === 'sent';
    p.className = 'cmd ' + (pending ? 'pending' : cmd.status);
    p.dataset.status = cmd.status;
    p.textContent = t(cmd.status) + (cmd.reason && !pending ? ` — ${t('cause')}: ${cmd.reason}` : '');
    box.append(p);
  }
  return box;
}

// Who decides an output now, in the farmer's words.
function cause(c) {
  if (!c) return null;
  if (c.startsWith('rule:') || c.startsWith('schedule:')) return t('causeRule');
  if (c.startsWith('command:')) return t('causeCommand');
  if (c === 'override') return t('causeOverride');
  if (c.startsWith('safety:')) return `${t('causeSafety')} (${c.slice(7)})`;
  return t('causeAuto');
}

// "còn 4 phút": the time left of the command or override holding an output.
function remaining(until) {
  if (!until) return null;
  const s = Math.ceil((Date.parse(until) - Date.now()) / 1000);
  if (s <= 0) return null;
  const span = s < 60 ? `${s} ${t('s')}` : s < 5400 ? `${Math.ceil(s / 60)} ${t('min')}` : `${Math.round(s / 3600)} ${t('h')}`;
  return t('left').replace('{t}', span);
}

async function send(deviceId, actuator, action, durationS) {
  commands.set(`${deviceId}/${actuator}`, { status: 'queued' });
  render();
  try {
    const res = await fetch(`/api/devices/${encodeURIComponent(deviceId)}/commands`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ actuator, action, durationS }),
    });
    if (res.status === 401) { showLogin(); return; }
    const body = await res.json();
    if (!res.ok) throw new Error(body.message || res.status);
    onCommand(body);
  } catch (e) {
    commands.set(`${deviceId}/${actuator}`, { status: 'failed', reason: String(e.message || e) });
    render();
  }
}

function onCommand(row) {
  const key = `${row.deviceId}/${row.actuator}`;
  const known = commands.get(key);
  // Events can overtake the POST's answer; never let an older status replace a final one.
  if (known && known.commandId === row.commandId && known.updatedAt > row.updatedAt) return;
  commands.set(key, row);
  render();
}

function byDevice(deviceId) {
  for (const g of greenhouses.values()) if (g.deviceId === deviceId) return g;
  return null;
}

// A greenhouse as the tiles show it: one unit per controller (a large house may have a board per bay), each with the
// greenhouse's own fields and the controller's status, readings and outputs; one unit without a controller for a
// greenhouse that has none yet.
function units(g) {
  const { controllers, ...house } = g;
  if (!controllers || controllers.length === 0) {
    return [{ ...house, deviceId: null, online: false, lastSeen: null, latest: [], actuators: {}, part: null }];
  }
  return controllers.map(c => ({ ...house, ...c, part: controllers.length > 1 ? partName(g, c.deviceId) : null }));
}

// The part of a greenhouse one of several controllers serves: its zones' names, else the controller's id.
function partName(g, deviceId) {
  const zones = (g.zones || []).filter(z => z.deviceId === deviceId).map(z => z.name);
  return zones.length ? zones.join(', ') : deviceId;
}

function unitName(g) { return g.part ? `${g.name} · ${g.part}` : g.name; }

function detailHref(g) { return g.part ? `#/g/${g.id}/${encodeURIComponent(g.deviceId)}` : `#/g/${g.id}`; }

async function load() {
  const res = await fetch('/api/greenhouses');
  if (res.status === 401) { showLogin(); return; }
  const list = await res.json();
  greenhouses.clear();
  for (const g of list.flatMap(units)) greenhouses.set(g.deviceId || `gh-${g.id}`, g);
  await Promise.all([loadAlerts(), loadCooperatives()]).catch(() => {});
  live = true; dataAt = Date.now(); chartsFailedAt = 0;
  document.getElementById('conn').hidden = true;
  saveSnapshot();
  render();
}

function connect() {
  const conn = document.getElementById('conn');
  source = new EventSource('/api/stream');
  source.onopen = () => { conn.hidden = true; load().catch(() => {}); };
  // An error may mean the session ended (the stream answers 401): ask the server before showing "reconnecting".
  source.onerror = () => { conn.hidden = false; lost(); checkSession().catch(() => {}); };
  source.onmessage = (m) => {
    const e = JSON.parse(m.data);
    if (e.type === 'ping') return;
    if (e.type === 'command') { onCommand(e.data); return; }
    if (e.type === 'alert') { onAlert(e.data); return; }
    const g = byDevice(e.deviceId);
    if (!g) { if (e.type !== 'event') load().catch(() => {}); return; }
    if (e.type === 'telemetry') {
      g.latest = e.data.readings; g.lastSeen = new Date().toISOString(); g.online = true;
    } else if (e.type === 'state') {
      g.actuators = e.data.actuators;
    } else if (e.type === 'status') {
      g.online = e.data.online;
    }
    if (live) { dataAt = Date.now(); keepSnapshotSoon(); }
    render();
  };
}

// The values on screen stop being live: each is shown as old, the banner says since when, outputs cannot be switched.
function lost() {
  if (!live) return;
  live = false;
  saveSnapshot();
  render();
}

// Offline, the tiles open with the values last seen, clearly marked as old. They are kept here in localStorage
// rather than as a cached /api/greenhouses answer in the service worker: the live stream changes them between two
// loads, only the page knows when they were last current and for whom, logging out must forget them, and this
// works where no service worker can run (a cooperative's server on plain HTTP).
function saveSnapshot() {
  if (!me || !dataAt) return;
  try {
    localStorage.setItem(SNAPSHOT, JSON.stringify({ at: dataAt, me, greenhouses: [...greenhouses.values()] }));
  } catch (e) {
    // storage full or turned off: offline, the app then opens on the "reconnecting" banner alone
  }
}

let snapshotTimer = null;
function keepSnapshotSoon() {
  if (!snapshotTimer) snapshotTimer = setTimeout(() => { snapshotTimer = null; if (live) saveSnapshot(); }, 10000);
}

function showOffline() {
  let snap = null;
  try { snap = JSON.parse(localStorage.getItem(SNAPSHOT)); } catch (e) { snap = null; }
  document.getElementById('conn').hidden = false;
  if (!snap || !snap.me) return;
  me = snap.me; dataAt = snap.at; live = false;
  greenhouses.clear();
  for (const g of snap.greenhouses || []) greenhouses.set(g.deviceId || `gh-${g.id}`, g);
  document.getElementById('login').hidden = true;
  route();
  render();
}

// Screens: the tiles at #/ (or no hash), a greenhouse's detail with its charts at #/g/{greenhouseId}, the season
// comparisons at #/reports.
let screen = 'tiles';      // the screen shown: 'tiles', 'detail' or 'reports'
let detailId = null;       // greenhouse shown in the detail screen, or null
let detailDevice = null;   // its controller shown, when the address names one (a greenhouse of several)
const trail = [location.hash]; // the addresses this page went through, so Back returns where the person came from
let tilesScroll = 0;
let chartRange = 'day';
let drawn = null;          // what the charts show ('deviceId range'), or the draw under way
let draws = 0;             // counts draws, so that only the latest one puts its charts on screen
let chartsFailedAt = 0;    // a failed draw is tried again with live data, but not more than every 30 s
let plots = [];
const seriesCache = new Map(); // 'deviceId range' -> { at, body }, so a language switch draws without a download

function route() {
  const m = /^#\/g\/(\d+)(?:\/([a-z0-9-]+))?$/.exec(location.hash);
  const next = !me ? 'tiles' : m ? 'detail' : location.hash === '#/reports' ? 'reports' : 'tiles';
  const id = next === 'detail' ? Number(m[1]) : null;
  const device = next === 'detail' && m[2] ? m[2] : null;
  const was = screen;
  if (was === 'tiles' && next !== 'tiles') tilesScroll = window.scrollY;
  screen = next;
  document.getElementById('greenhouses').hidden = !me || next !== 'tiles';
  document.getElementById('detail').hidden = next !== 'detail';
  document.getElementById('reports').hidden = next !== 'reports';
  if (id === detailId && device === detailDevice && next === was) return;
  if (detailId !== null && id !== detailId) {
    clearCharts();
    harvests = null;
    if (window.FarmSeasons) FarmSeasons.leave();
  } else if (device !== detailDevice) {
    clearCharts();
  }
  detailId = id;
  detailDevice = device;
  renderAlerts();
  if (next === 'tiles') {
    if (was !== 'tiles') requestAnimationFrame(() => window.scrollTo(0, tilesScroll));
    return;
  }
  window.scrollTo(0, 0);
  if (next === 'reports') {
    renderReports(true);
    document.getElementById('reports-title').focus({ preventScroll: true });
    return;
  }
  renderDetail();
  if (drawn === null) drawCharts();
  document.getElementById('detail-name').focus({ preventScroll: true });
}

window.addEventListener('hashchange', () => {
  if (trail.length > 1 && trail[trail.length - 2] === location.hash) trail.pop(); else trail.push(location.hash);
  route();
});

document.querySelectorAll('.back').forEach((b) => {
  b.onclick = () => {
    if (trail.length > 1) { history.back(); return; }
    history.replaceState(null, '', location.pathname + location.search);
    trail.splice(0, trail.length, '');
    route();
  };
});

document.querySelectorAll('#ranges button').forEach((b) => {
  b.onclick = () => { chartRange = b.dataset.range; renderDetail(); drawCharts(); };
});

// Crop cycles, season reports and the comparisons live in seasons.js, loaded when one of their screens first opens.
let seasonsLoaded = null;
function withSeasons(then) {
  if (window.FarmSeasons) then(window.FarmSeasons);
  else if (!seasonsLoaded) { // offline it may come from the service worker's copy; tried again every 30 s
    seasonsLoaded = script('seasons.js').then(render, () => setTimeout(() => { seasonsLoaded = null; }, 30e3));
  }
}

// What seasons.js needs of the app; the getters give the current value, so it keeps no copy of this file's state.
const APP = {
  t, number, localDay, cropLine, loadCharts, render, showLogin, cooperatives, tz: TZ, tzOffset: TZ_OFFSET,
  get lang() { return lang; },
  get me() { return me; },
  get live() { return live; },
  // After a cycle is started or corrected: the tiles' crop lines and the harvests' cycle follow.
  cyclesChanged: () => { harvests = null; return load().catch(() => {}); },
};

// `fresh` when the screen opens: the figures are asked for again rather than shown as they were last time.
function renderReports(fresh = false) {
  if (screen !== 'reports') return;
  const status = document.getElementById('reports-status');
  if (!window.FarmSeasons) { status.hidden = false; status.textContent = live ? t('loading') : t('reportsOffline'); }
  withSeasons(s => s.reports(APP, fresh));
}

function shownGreenhouse() {
  for (const g of greenhouses.values()) {
    if (g.id === detailId && (detailDevice === null || g.deviceId === detailDevice)) return g;
  }
  return null;
}

function renderDetail() {
  if (detailId === null) return;
  const g = shownGreenhouse();
  document.getElementById('detail-name').textContent = g ? unitName(g) : (greenhouses.size ? t('notFound') : t('loading'));
  const crop = document.getElementById('detail-crop');
  crop.textContent = g ? (g.cropCycles || []).map(cropLine).join('; ') : '';
  crop.hidden = !crop.textContent;
  const planted = g && plantedOn(g);
  if (g && live && (!harvests || harvests.g !== g.id)) loadHarvests(g);
  renderHarvests();
  if (g) withSeasons(s => s.detail(APP, g));
  document.getElementById('ranges').setAttribute('aria-label', t('ranges'));
  document.querySelectorAll('#ranges button').forEach((b) => {
    const range = b.dataset.range;
    b.textContent = t(range === 'season' ? (planted ? 'season' : 'days90') : range === 'week' ? 'week' : 'day1');
    b.setAttribute('aria-pressed', String(range === chartRange));
  });
  const span = document.getElementById('detail-span');
  const plantedText = planted && new Date(`${planted}T12:00:00${TZ_OFFSET}`)
    .toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: TZ, day: 'numeric', month: 'long', year: 'numeric' });
  span.textContent = !g ? '' : chartRange === 'day' ? t('spanHours') : chartRange === 'week' ? t('spanWeek')
    : planted ? t('spanSeason').replace('{date}', plantedText) : t('spanDays').replace('{n}', 90);
  // A detail screen opened before the greenhouses arrived, or offline, draws once they are known and live.
  if (g && live && drawn !== `${g.deviceId} ${chartRange}` && Date.now() - chartsFailedAt > 30e3) drawCharts();
}

// Harvests of the greenhouse's open crop cycle (the earliest planted, when zones have several), entered here by those
// who control the greenhouse. The form is fixed in the page, so a live update never clears what is being typed.
let harvests = null; // { g: greenhouse id, cycle, body: answer of …/harvests } once asked for

async function loadHarvests(g) {
  const today = localDay(Date.now());
  const cycle = (g.cropCycles || []).filter(c => c.open !== false && c.plantedOn <= today)
    .sort((a, b) => a.plantedOn.localeCompare(b.plantedOn))[0];
  harvests = { g: g.id, cycle, body: null };
  if (!cycle) return;
  const res = await fetch(`/api/greenhouses/${g.id}/crop-cycles/${cycle.id}/harvests`).catch(() => null);
  if (!res || !res.ok || !harvests || harvests.g !== g.id) return;
  harvests.body = await res.json();
  renderHarvests();
}

function renderHarvests() {
  const box = document.getElementById('harvests');
  box.hidden = detailId === null || !harvests || harvests.g !== detailId || !harvests.body;
  if (box.hidden) return;
  const body = harvests.body;
  const kg = (v) => number(v, v % 1 ? 1 : 0);
  box.querySelector('.total').textContent = t('harvestTotal').replace('{kg}', kg(body.totalKg))
    + (body.kgPerM2 != null ? ` · ${number(body.kgPerM2, 2)} kg/m²` : '');
  const list = box.querySelector('.list');
  const shown = body.harvests.filter(h => !h.harvest.voided).slice(-5).reverse();
  const editable = !!me && me.role !== 'officer';
  // Items are kept while their revision stands, so a live update never closes a correction being typed.
  const keep = new Map([...list.querySelectorAll('li[data-harvest]')].map(li => [li.dataset.harvest, li]));
  const items = shown.map(h => {
    let li = keep.get(String(h.id));
    if (!li || li.dataset.revision !== String(h.revision)) li = harvestItem(h);
    const day = new Date(`${h.harvest.harvestedOn}T12:00:00${TZ_OFFSET}`)
      .toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: TZ, day: 'numeric', month: 'numeric' });
    li.querySelector('.what').textContent = [day, `${kg(h.harvest.kg)} kg`, h.harvest.grade].filter(Boolean).join(' · ');
    const fix = li.querySelector('details');
    fix.hidden = !editable;
    fix.querySelector('summary').textContent = t('harvestFix');
    fix.querySelectorAll('[data-i18n]').forEach(n => { n.textContent = t(n.dataset.i18n); });
    fix.querySelectorAll('button').forEach(b => { b.disabled = !live; });
    return li;
  });
  if (!shown.length) {
    const li = document.createElement('li'); li.className = 'empty'; li.textContent = t('harvestNone');
    items.push(li);
  }
  const now = [...list.children];
  if (now.length !== items.length || now.some((li, i) => li !== items[i])) list.replaceChildren(...items);
  const form = document.getElementById('harvest-form');
  form.hidden = !me || me.role === 'officer';
  const date = document.getElementById('harvest-date');
  if (!date.value) date.value = localDay(Date.now());
  date.max = localDay(Date.now());
  date.min = harvests.cycle.plantedOn;
  form.querySelector('button').disabled = !live;
}

// One harvest record with its correction form: kilograms, day, grade and why; or void it as entered by mistake.
function harvestItem(h) {
  const li = document.createElement('li');
  li.dataset.harvest = h.id;
  li.dataset.revision = h.revision;
  const what = document.createElement('span'); what.className = 'what';
  const fix = document.createElement('details'); fix.className = 'fix';
  const summary = document.createElement('summary');
  const form = document.createElement('form'); form.className = 'form harvest-fix';
  const field = (key, input) => {
    const label = document.createElement('label');
    const span = document.createElement('span'); span.dataset.i18n = key;
    label.append(span, input);
    return label;
  };
  const input = (name, props) => Object.assign(document.createElement('input'), { name }, props);
  form.append(
    field('harvestKg', input('kg', { type: 'number', step: '0.1', min: '0.1', required: true, value: h.harvest.kg })),
    field('harvestDate', input('harvestedOn', { type: 'date', required: true, value: h.harvest.harvestedOn })),
    field('harvestGrade', input('grade', { maxLength: 16, value: h.harvest.grade || '' })),
    field('harvestNote', input('note', { maxLength: 500 })));
  const error = document.createElement('p'); error.className = 'error'; error.setAttribute('role', 'alert');
  error.hidden = true;
  const save = document.createElement('button'); save.type = 'submit'; save.className = 'primary';
  save.dataset.i18n = 'harvestFixSave';
  const voidIt = document.createElement('button'); voidIt.type = 'button'; voidIt.className = 'void';
  voidIt.dataset.i18n = 'harvestVoid';
  form.append(error, save, voidIt);
  const send = (change) => correctHarvest(h, { revision: h.revision, note: form.elements.note.value.trim() || null,
    ...change }, error);
  form.onsubmit = (event) => {
    event.preventDefault();
    send({ kg: Number(form.elements.kg.value), harvestedOn: form.elements.harvestedOn.value,
      grade: form.elements.grade.value.trim() || null });
  };
  voidIt.onclick = () => send({ voided: true });
  fix.append(summary, form);
  li.append(what, fix);
  return li;
}

async function correctHarvest(h, body, error) {
  const at = harvests;
  if (!at || !at.cycle) return;
  try {
    const res = await fetch(`/api/greenhouses/${at.g}/crop-cycles/${at.cycle.id}/harvests/${h.id}`, {
      method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (res.status === 401) { showLogin(); return; }
    const answer = await res.json();
    if (res.status === 409) {
      const g = shownGreenhouse();
      if (g) await loadHarvests(g);
      const li = document.querySelector(`#harvests li[data-harvest='${h.id}']`);
      const shown = li ? li.querySelector('.error') : error;
      shown.hidden = false; shown.textContent = t('harvestConflict');
      if (li) li.querySelector('details').open = true;
      return;
    }
    if (!res.ok) throw new Error(answer.message || res.status);
    const g = shownGreenhouse();
    if (g) await loadHarvests(g);
    if (window.FarmSeasons) FarmSeasons.harvested();
  } catch (e) {
    error.hidden = false; error.textContent = `${t('harvestFixFailed')}: ${e.message || e}`;
  }
}

document.getElementById('harvest-form').onsubmit = async (event) => {
  event.preventDefault();
  const error = document.getElementById('harvest-error');
  const h = harvests;
  if (!h || !h.cycle) return;
  const body = { harvestedOn: document.getElementById('harvest-date').value,
    kg: Number(document.getElementById('harvest-kg').value) };
  const grade = document.getElementById('harvest-grade').value.trim();
  if (grade) body.grade = grade;
  try {
    const res = await fetch(`/api/greenhouses/${h.g}/crop-cycles/${h.cycle.id}/harvests`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (res.status === 401) { showLogin(); return; }
    const answer = await res.json();
    if (!res.ok) throw new Error(answer.message || res.status);
    error.hidden = true;
    document.getElementById('harvest-kg').value = '';
    document.getElementById('harvest-grade').value = '';
    const g = shownGreenhouse();
    if (g) await loadHarvests(g);
    if (window.FarmSeasons) FarmSeasons.harvested();
  } catch (e) {
    error.hidden = false; error.textContent = `${t('harvestFailed')}: ${e.message || e}`;
  }
};

// The season's first day: the earliest planting of the greenhouse's open crop cycles, if one has begun.
function plantedOn(g) {
  const today = localDay(Date.now());
  return (g.cropCycles || []).filter(c => c.open !== false && c.plantedOn && c.plantedOn <= today)
    .map(c => c.plantedOn).sort()[0] || null;
}

function chartSpan(g, range) {
  const to = Date.now();
  const days = range === 'day' ? 1 : range === 'week' ? 7 : 90;
  const planted = range === 'season' && plantedOn(g);
  return { from: planted ? Date.parse(`${planted}T00:00:00${TZ_OFFSET}`) : to - days * 86400e3, to };
}

let chartsLoaded = null;
// uPlot and the chart code come only when a detail screen first opens, so the tiles load without them.
function loadCharts() {
  if (!chartsLoaded) {
    const css = document.createElement('link');
    css.rel = 'stylesheet'; css.href = UPLOT + 'uPlot.min.css';
    document.head.append(css);
    chartsLoaded = script(UPLOT + 'uPlot.iife.min.js').then(() => script('charts.js'));
    chartsLoaded.catch(() => { chartsLoaded = null; css.remove(); });
  }
  return chartsLoaded;
}

function script(src) {
  return new Promise((resolve, reject) => {
    const el = document.createElement('script');
    el.src = src; el.onload = resolve;
    el.onerror = () => { el.remove(); reject(new TypeError(`could not load ${src}`)); };
    document.head.append(el);
  });
}

async function series(g, range) {
  const key = `${g.deviceId} ${range}`;
  const hit = seriesCache.get(key);
  if (hit && Date.now() - hit.at < 60e3) return hit.body;
  const span = chartSpan(g, range);
  const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const query = new URLSearchParams({ from: iso(span.from), to: iso(span.to), points: CHART_POINTS });
  const res = await fetch(`/api/devices/${encodeURIComponent(g.deviceId)}/series?${query}`);
  if (res.status === 401) { showLogin(); throw new Error('logged out'); }
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = await res.json();
  seriesCache.set(key, { at: Date.now(), body });
  return body;
}

function clearCharts() {
  draws++;
  plots.forEach(p => p.plot.destroy());
  plots = [];
  drawn = null;
  document.getElementById('charts').replaceChildren();
}

async function drawCharts() {
  const g = shownGreenhouse();
  clearCharts();
  const status = document.getElementById('chart-status');
  status.hidden = false;
  if (!g) { status.textContent = greenhouses.size ? t('notFound') : t('loading'); return; }
  if (!g.deviceId) { status.textContent = t('noDevice'); return; }
  drawn = `${g.deviceId} ${chartRange}`;
  const draw = ++draws;
  status.textContent = t('chartsLoading');
  let body;
  try {
    [body] = await Promise.all([series(g, chartRange), loadCharts()]);
  } catch (e) {
    if (draw !== draws) return;
    drawn = null; chartsFailedAt = Date.now();
    status.textContent = navigator.onLine === false || e instanceof TypeError ? t('chartsOffline') : t('chartsFailed');
    return;
  }
  if (draw !== draws) return; // another range or screen was chosen meanwhile
  const box = document.getElementById('charts');
  const ctx = { t, number, lang, tz: TZ, digits: DIGITS, bucketS: body.bucketS,
    fromS: Date.parse(body.from) / 1000, toS: Date.parse(body.to) / 1000 };
  for (const q of CHARTED) {
    const list = body.series.filter(s => s.quantity === q && s.t.length > 0);
    if (!list.length) continue;
    const fig = document.createElement('figure');
    fig.className = 'chart'; fig.dataset.quantity = q;
    box.append(fig);
    plots.push(FarmCharts.draw(fig, q, list, ctx));
  }
  status.hidden = plots.length > 0;
  status.textContent = plots.length ? '' : t('noData');
}

window.addEventListener('resize', () => {
  plots.forEach(p => FarmCharts.resize(p));
  if (window.FarmSeasons) FarmSeasons.resize();
});

document.getElementById('lang').onclick = () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('lang', lang);
  render();
  if (detailId !== null) drawCharts(); // axes, legends and numbers in the new language, from the data at hand
};
// Logging in and out. The session lives in an HttpOnly cookie the page never sees.
function showLogin(message) {
  me = null;
  if (source) { source.close(); source = null; }
  greenhouses.clear(); commands.clear(); seriesCache.clear(); alerts.clear(); cooperatives.clear();
  harvests = null;
  if (window.FarmSeasons) FarmSeasons.forget();
  live = false; dataAt = null;
  localStorage.removeItem(SNAPSHOT); // the next person on this phone must not see the last one's greenhouses
  document.getElementById('conn').hidden = true;
  document.getElementById('login').hidden = false;
  route();
  const error = document.getElementById('login-error');
  error.hidden = !message; error.textContent = message || '';
  render();
  document.getElementById('login-name').focus();
}

function showApp(person) {
  me = person;
  document.getElementById('login').hidden = true;
  route();
  render();
  load().catch(() => { document.getElementById('conn').hidden = false; lost(); });
  if (!source) connect();
}

// Logged in and live, or showing the offline values (no stream then): the server's answer decides what comes next.
async function checkSession() {
  const res = await fetch('/api/session');
  if (res.status === 401) { showLogin(); return; }
  if (res.ok && (!me || !source)) showApp(await res.json());
}

document.getElementById('login').onsubmit = async (event) => {
  event.preventDefault();
  const login = document.getElementById('login-name').value.trim();
  const password = document.getElementById('login-password').value;
  try {
    const res = await fetch('/api/session', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }),
    });
    const body = await res.json();
    document.getElementById('login-password').value = '';
    if (res.ok) { showApp(body); return; }
    if (res.status === 429) {
      const minutes = Math.ceil(Number(res.headers.get('Retry-After') || 900) / 60);
      showLogin(t('locked').replace('{m}', minutes));
    } else {
      showLogin(res.status === 401 ? t('wrong_login') : `${t('loginFailed')} ${body.message || ''}`);
    }
  } catch (e) {
    showLogin(t('loginFailed'));
  }
};

document.getElementById('logout').onclick = async () => {
  await fetch('/api/session', { method: 'DELETE' }).catch(() => {});
  showLogin();
};

setInterval(() => {
  render(); // keeps "x minutes ago" and stale marks honest without new data
  // A stream the server refused (429: this session has too many open, in other tabs) is not tried again by the
  // browser; it is here, every 30 s, like a server that was away.
  if (me && source && source.readyState === EventSource.CLOSED) source = null;
  if (me && !source) checkSession().catch(() => {}); // offline values shown: is the server back?
}, 30 * 1000);
window.addEventListener('offline', () => { if (me) { document.getElementById('conn').hidden = false; lost(); } });
window.addEventListener('online', () => {
  renderConn();
  if (!me) return;
  if (source) load().catch(() => {}); else checkSession().catch(() => {});
});
document.addEventListener('visibilitychange', () => { if (document.hidden && live) saveSnapshot(); });
checkSession().catch(showOffline);
// The service worker keeps the app's files for opening without a network (browsers allow it over HTTPS and on
// localhost only); the app works the same without it.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => navigator.serviceWorker.register('sw.js').catch(() => {}));
}
