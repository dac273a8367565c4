// The mails of the alerts module, in Japanese then English (plain text, as the alert's body is).

const KIND_JA = { suspicious_mail: '不審メール', vulnerability: '脆弱性', notice: 'お知らせ' } as const;
const KIND_EN = {
  suspicious_mail: 'Suspicious mail',
  vulnerability: 'Vulnerability',
  notice: 'Notice',
} as const;

export interface MailAlert {
  kind: keyof typeof KIND_JA;
  titleJa: string;
  titleEn: string | null;
  body: string;
  reportDueOn: string | null;
}

/** To an agency's alert handlers: a new alert from the central body waits in the inbox. */
export function receivedMail(alert: MailAlert, name: string, url: string) {
  const due = alert.reportDueOn ? [`対応状況の報告を ${alert.reportDueOn} までに求められています。`] : [];
  return {
    subject: `【注意喚起・${KIND_JA[alert.kind]}】${alert.titleJa} / Alert from the central body`,
    text: [
      `${name} 様`,
      '',
      `中央機関から注意喚起「${alert.titleJa}」が届きました。受領を確認し、府省庁内への周知を行ってください。`,
      ...due,
      url,
      '',
      alert.body,
      '',
      '---',
      `The central body sent an alert (${KIND_EN[alert.kind]}): "${alert.titleEn ?? alert.titleJa}".`,
      'Please acknowledge it and pass it on inside the agency.',
      ...(alert.reportDueOn ? [`A report of the action taken is requested by ${alert.reportDueOn}.`] : []),
      url,
    ].join('\n'),
  };
}

/** To the people the agency forwards it to: the system owners (with their systems) or the holders of roles. */
export function forwardedMail(alert: MailAlert, name: string, systems: string[]) {
  const list = systems.map((s) => `  - ${s}`);
  return {
    subject: `【注意喚起・${KIND_JA[alert.kind]}】${alert.titleJa} / Security alert`,
    text: [
      `${name} 様`,
      '',
      `情報セキュリティに関する注意喚起「${alert.titleJa}」をお知らせします。`,
      ...(systems.length
        ? [
            'あなたが責任を持つ次の情報システムが、記載の製品を使用しています。対応を確認してください。',
            ...list,
          ]
        : []),
      '',
      alert.body,
      '',
      '---',
      `Security alert (${KIND_EN[alert.kind]}): "${alert.titleEn ?? alert.titleJa}".`,
      ...(systems.length
        ? ['These systems you answer for use a product it names; please check what to do:', ...list]
        : []),
    ].join('\n'),
  };
}
