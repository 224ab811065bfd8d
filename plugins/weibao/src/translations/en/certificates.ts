/** English texts of the certificate register (keys under its own top-level names). */
export const certificatesMessages = {
  certificates: {
    notCa: {
      title: 'Not a CA system',
      description:
        'The certificate register belongs to CA systems (spec.type ca); this system is typed {{type}}.',
    },
    totalsTitle: 'Certificates against the contract',
    minimumsFrom: 'Minimums from {{contract}}, as of {{date}}',
    noContract:
      'No contract in force covers this system: no minimums apply (as of {{date}}).',
    counts: {
      personalCertificates: 'Personal identity certificates',
      usbKeys: 'USB keys',
      electronicSeals: 'Personal electronic seals',
    },
    countFigures: '{{total}} of {{minimum}}',
    shortfall: '{{missing}} short',
    meetsMinimum: 'Meets the minimum',
    countsHint:
      'Unexpired batches in use. Certificates and seals count by what they are, whatever their medium; USB keys count the physical keys the batches on USB keys say they are on, never their certificates.',
    withoutKeyCount:
      '{{certificates}} certificates or seals on USB keys are in batches that do not say how many keys they are on: those keys are not counted.',
    batchesTitle: 'Certificate batches',
    batchesEmpty: 'No certificates registered yet: import a CSV.',
    columns: {
      holder: 'Holder',
      item: 'What',
      medium: 'Medium',
      serials: 'Serials',
      count: 'Count',
      issuedOn: 'Issued',
      expiresOn: 'Valid until',
      state: 'State',
      actions: 'Actions',
    },
    items: {
      'personal-certificate': 'Personal identity certificate',
      'electronic-seal': 'Personal electronic seal',
    },
    media: {
      'usb-key': 'USB key',
      'smart-card': 'Smart card',
      'crypto-card': 'Crypto card',
    },
    usbKeys: {
      stated: 'on {{keys}} keys',
      notStated: 'keys not stated',
    },
    state: {
      expired: 'Expired {{days}} d ago',
      expiringSoon: 'Expires in {{days}} d',
      inUse: 'In use',
      retired: 'Retired ({{reason}}) {{date}}',
    },
    moreSerials: '{{serials}} and {{more}} more',
    retireReasons: {
      renewed: 'Renewed',
      revoked: 'Revoked',
      lost: 'Lost',
    },
    retire: 'Retire',
    retireForm: {
      title: 'Retire the batch of {{holder}}',
      reason: 'Reason',
      note: 'Note',
      submit: 'Retire',
    },
    importCsv: 'Import CSV',
    importForm: {
      title: 'Import certificates from a CSV file',
      header: 'The first line names these columns, in any order:',
      optional:
        'usbKeys may be left out: on a row on the usb-key medium it says how many USB keys the batch is on (0 when it went onto keys already registered, e.g. seals on their holders’ keys); empty on other media.',
      example: 'For example:',
      exampleRow:
        'personal-certificate,usb-key,Outpatient department,21,A0001-A0021,2026-01-01,2027-12-31,,21',
      file: 'CSV file',
      text: 'Or paste the CSV here',
      submit: 'Import',
      cancel: 'Cancel',
      close: 'Close',
      required: 'Choose a file or paste the CSV',
      imported: '{{rows}} rows imported.',
      alreadyImported:
        'Already imported: the same {{batches}} batches were imported {{at}} by {{by}}. Nothing was imported again.',
      rejected: '{{rows}} rows rejected:',
      nothingWritten: 'Nothing was written.',
      columns: {
        line: 'Line',
        field: 'Field',
        reason: 'Reason',
      },
    },
  },
} as const;
