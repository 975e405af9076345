// In-app browsers told from a phone's own browsers by the user agent (docs/assets/calc/inapp.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { isInApp } from "../../docs/assets/calc/inapp.js";

// User agents as the apps send them (the version numbers vary; the markers do not).
const IN_APP = {
  "WeChat, Android (XWeb)":
    "Mozilla/5.0 (Linux; Android 14; V2244A Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220133 MMWEBSDK/20240404 MMWEBID/5295 MicroMessenger/8.0.49.2600(0x28003137) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
  "WeChat, iPhone":
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.48(0x18003030) NetType/WIFI Language/zh_CN",
  "WeCom": "Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh",
  "QQ, Android":
    "Mozilla/5.0 (Linux; Android 12; PEHM00 Build/SKQ1.210216.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/89.0.4389.72 MQQBrowser/6.2 TBS/046011 Mobile Safari/537.36 V1_AND_SQ_8.9.28_3700_YYB_D QQ/8.9.28.10155 NetType/WIFI WebP/0.3.0 Pixel/1080",
  "QQ, iPhone": "Mozilla/5.0 (iPhone; CPU iPhone OS 16_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/8.9.20.610 V1_IPH_SQ_8.9.20_1_APP_A Pixel/1170",
  "Weibo": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Weibo (iPhone15,2__weibo__13.10.1__iphone__os17.0)",
  "DingTalk": "Mozilla/5.0 (Linux; Android 13; M2012K11AC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/97.0.4692.98 Mobile Safari/537.36 AliApp(DingTalk/7.0.40) com.alibaba.android.rimet/33245548 Channel/10002068 language/zh-CN abi/64 UT4Aplus/0.2.25",
  "Alipay": "Mozilla/5.0 (Linux; U; Android 12; zh-CN; M2102J2SC) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.59 Mobile Safari/537.36 AlipayChannelId/5136 AlipayDefined(nt:WIFI,ws:393|0|2.75) AliApp(AP/10.5.0.8000) AlipayClient/10.5.0.8000 Language/zh-Hans",
  "Baidu app": "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 SP-engine/2.73.0 main/1.0 baiduboxapp/13.37.0.10 (Baidu; P2 16.6) NABar/1.0",
  "Douyin": "Mozilla/5.0 (Linux; Android 13; 22081212C Build/TKQ1.220829.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/108.0.5359.128 Mobile Safari/537.36 aweme_260800 JsSdk/1.0 NetType/WIFI Channel/huawei_1128_64 app_version/26.8.0 ByteLocale/zh-CN",
};

const BROWSERS = {
  "Safari, iPhone": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Chrome, Android": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  "QQ Browser, Android": "Mozilla/5.0 (Linux; U; Android 12; zh-cn; PEHM00 Build/SKQ1.210216.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.86 MQQBrowser/14.2 Mobile Safari/537.36 COVC/046713",
  "UC, Android": "Mozilla/5.0 (Linux; U; Android 12; zh-CN; V2183A Build/SP1A.210812.003) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 UCBrowser/15.5.0.1250 Mobile Safari/537.36",
  "Huawei Browser": "Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00; HMSCore 6.12.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.2.311 Mobile Safari/537.36",
  "Firefox, desktop": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
};

test("in-app browsers are told by their user agent", () => {
  for (const [name, ua] of Object.entries(IN_APP)) assert.ok(isInApp(ua), name);
});

test("a phone's own browsers are not in-app (QQ Browser is not QQ)", () => {
  for (const [name, ua] of Object.entries(BROWSERS)) assert.ok(!isInApp(ua), name);
});
