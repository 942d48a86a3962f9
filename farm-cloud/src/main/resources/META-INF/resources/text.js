// Every word of the dashboard in Vietnamese and English, and the language chosen: what the other modules show is
// looked up here by key, so a translation is changed in one place. Counts go through Intl.PluralRules ("1 alert",
// "2 alerts"; Vietnamese has one form), numbers through the language's own separators.

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
    announceOn: '{output} của {house} đã bật', announceOff: '{output} của {house} đã tắt',
    announceOffline: '{house} mất kết nối', announceOnline: '{house} đã trực tuyến trở lại',
    announceAlert: 'Cảnh báo mới: {text}', announceCleared: 'Hết cảnh báo: {text}',
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
    alertCount: { one: '{n} alert', other: '{n} alerts' }, times: { one: '{n} time', other: '{n} times' },
    ackFailed: 'Could not record it.',
    turnAuto: 'Auto', minutes: '{m} min', left: '{t} left', forMinutes: 'Run for',
    causeRule: 'automatic, by a rule', causeCommand: 'by remote command', causeOverride: 'held at the greenhouse',
    causeSafety: 'safety layer', causeAuto: 'automatic',
    houses: { one: '{n} greenhouse', other: '{n} greenhouses' }, onlineN: '{n} online', offlineN: '{n} offline',
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
    reportTitle: 'Season report', reportOf: 'See the report', today: 'today',
    nDays: { one: '{n} day', other: '{n} days' },
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
    announceOn: '{output} of {house} switched on', announceOff: '{output} of {house} switched off',
    announceOffline: '{house} went offline', announceOnline: '{house} is online again',
    announceAlert: 'New alert: {text}', announceCleared: 'Alert cleared: {text}',
  },
};

let lang = localStorage.getItem('lang') || 'vi';

/** Returns the language shown, 'vi' or 'en'. */
export function language() { return lang; }

/** Shows every word in `next` ('vi' or 'en') from now on, and keeps the choice on the phone. */
export function setLanguage(next) {
  lang = next;
  localStorage.setItem('lang', lang);
}

/** Returns the locale of the language shown, for dates and numbers. */
export function locale() { return lang === 'vi' ? 'vi-VN' : 'en-GB'; }

function entry(key) {
  const own = TEXT[lang] && TEXT[lang][key];
  return own !== undefined ? own : TEXT.en[key];
}

/** Returns the text of `key` with each `{name}` replaced by `values[name]`; the key itself when it has no text. */
export function t(key, values = {}) {
  let text = entry(key);
  if (text === undefined) return key;
  if (typeof text === 'object') text = text.other;
  return fill(text, values);
}

const rules = new Map();
/** Returns the text of `key` for the count `n` (its `{n}` filled in), in the plural form the language gives `n`. */
export function plural(key, n, values = {}) {
  const text = entry(key);
  if (text === undefined) return key;
  if (typeof text !== 'object') return fill(text, { ...values, n });
  if (!rules.has(lang)) rules.set(lang, new Intl.PluralRules(locale()));
  return fill(text[rules.get(lang).select(n)] || text.other, { ...values, n });
}

function fill(text, values) {
  return Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, v), text);
}

/** Formats `v` with exactly `digits` decimals, with the language's decimal and thousands separators. */
export function number(v, digits) {
  return v.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A weight in kilograms as people write it: whole kilograms without decimals, else one ("12", "12,5"). */
export function kilograms(v) {
  return number(v, v % 1 ? 1 : 0);
}

/** "5 phút trước": how long ago the instant `iso` was, or that there is no data yet. */
export function ago(iso) {
  if (!iso) return t('never');
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} ${t('s')} ${t('ago')}`;
  if (s < 3600) return `${Math.round(s / 60)} ${t('min')} ${t('ago')}`;
  if (s < 86400) return `${Math.round(s / 3600)} ${t('h')} ${t('ago')}`;
  return `${Math.round(s / 86400)} ${t('d')} ${t('ago')}`;
}
