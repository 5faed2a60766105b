// Open Referral's HSDS 3.1 `datapackage.json` (github.com/openreferral/specification, branch 3.1-dev, commit abc731c),
// cut to the tables Henvis writes, otherwise as published; licensed CC BY-SA 4.0 by Open Referral. Kept as a module,
// not a .json file, so that the one-file-per-module build serves it to Node and to bundlers alike.
export const officialDataPackage = {
  name: 'human_services_data',
  title: 'Human Services Data Specification',
  description:
    'HSDS describes data about organizations, the services they provide, the locations at which these services can be accessed, and associated details.',
  profile: 'tabular-data-package',
  version: '3.0.0',
  homepage: 'http://docs.openreferral.org',
  license: {
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    type: 'CC-BY-SA-4.0',
    name: 'Creative Commons Attribution-ShareAlike 4.0',
  },
  resources: [
    {
      name: 'organization',
      path: 'organizations.csv',
      description:
        'The details about each organization delivering services. Each service should be linked to the organization responsible for its delivery. One organization may deliver many services.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier for the organization. Each organization must have a unique identifier.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
            core: 'Y',
          },
          {
            name: 'name',
            type: 'string',
            title: 'Name',
            description: 'The official or public name of the organization.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'Example Organization Inc.',
            core: 'Y',
          },
          {
            name: 'alternate_name',
            type: 'string',
            title: 'Alternate Name',
            description: 'An (optional) alternative or commonly used name for the organization.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'Example Org',
            core: 'Y',
          },
          {
            name: 'description',
            type: 'string',
            title: 'Description',
            description:
              'A free text description containing a brief summary about the organization. It can contain markup such as HTML or Markdown.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'Example Org is a non-profit organization dedicated to providing services to qualified beneficiaries',
            core: 'Y',
          },
          {
            name: 'email',
            type: 'string',
            title: 'Email',
            description: 'The contact e-mail address for the organization.',
            format: 'email',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'email@example.com',
            core: 'Y',
          },
          {
            name: 'website',
            type: 'string',
            format: 'uri',
            title: 'Website',
            description: 'The URL (website address) of the organization.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'http://example.com',
            core: 'Y',
          },
          {
            name: 'tax_status',
            type: 'string',
            title: 'Tax Status',
            description: 'DEPRECATED: Government assigned tax designation for tax-exempt organizations.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'tax_status',
          },
          {
            name: 'tax_id',
            type: 'string',
            title: 'Tax Identifier',
            description: 'DEPRECATED: A government issued identifier used for the purpose of tax administration.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'tax_id',
          },
          {
            name: 'year_incorporated',
            type: 'number',
            title: 'Year Incorporated',
            description: 'The year in which the organization was legally formed.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '2011',
          },
          {
            name: 'legal_status',
            type: 'string',
            title: 'Legal Status',
            description: 'The legal conditions that an organization is operating under.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'Limited Company',
          },
          {
            name: 'logo',
            type: 'string',
            title: 'Logo',
            description: 'A URL to an image associated with the organization which can be presented alongside its name.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'https://openreferral.org/wp-content/uploads/2018/02/OpenReferral_Logo_Green-4-1.png',
          },
          {
            name: 'uri',
            type: 'string',
            title: 'URI',
            description:
              'A persistent identifier to uniquely identify the organization such as those provided by Open Corporates or some other relevant URI provider. This is not for listing the website of the organization: that can be done through the website field of the Organization.',
            format: 'uri',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'http://example.com',
          },
          {
            name: 'parent_organization_id',
            type: 'string',
            title: 'Parent Organization Identifier',
            description: "The identifier of the organization's parent organization.",
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'cd09a387-91f4-4555-94ec-e799c35344cd',
          },
        ],
      },
    },
    {
      name: 'program',
      path: 'programs.csv',
      description: 'The details of collections of related services.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier for the program. Each program must have a unique identifier.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: 'e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42',
          },
          {
            name: 'organization_id',
            type: 'string',
            title: 'Organization Identifier',
            description:
              'The identifier for the organization which the program belongs to. Each program must belong to a single organization, and the identifier for that organization should be given here.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
          },
          {
            name: 'name',
            type: 'string',
            title: 'Name',
            description: 'The name of the program.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'Community Mental Health Support',
          },
          {
            name: 'alternate_name',
            type: 'string',
            title: 'Alternate Name',
            description: 'The (optional) alternative name for the program.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'MyCity Mental Health Group',
          },
          {
            name: 'description',
            type: 'string',
            title: 'Description',
            description: 'A free text description of the program',
            constraints: {
              required: true,
              unique: false,
            },
            example:
              'Comprehensive Mental Health Services available to residents of MyCity including CBT and Counselling. This is not an emergency service and should not be used as an alternative to hospital and GP services.',
          },
        ],
        foreignKeys: [
          {
            fields: 'organization_id',
            reference: {
              resource: 'organization',
              fields: 'id',
            },
          },
        ],
      },
    },
    {
      name: 'service',
      path: 'services.csv',
      description: 'The details of the services provided by organizations to a range of different groups.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier for the service. Each service must have a unique identifier.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: 'ac148810-d857-441c-9679-408f346de14b',
            core: 'Y',
          },
          {
            name: 'organization_id',
            type: 'string',
            title: 'Organization Identifier',
            description: 'The identifier of the organization that provides this service.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
            core: 'Y',
          },
          {
            name: 'program_id',
            type: 'string',
            title: 'Program Identifier',
            description: 'The identifier of the program this service is delivered under.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42',
          },
          {
            name: 'name',
            type: 'string',
            title: 'Name',
            description: 'The official or public name of the service.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'Community Counselling',
            core: 'Y',
          },
          {
            name: 'alternate_name',
            type: 'string',
            title: 'Alternate Name',
            description: 'An (optional) alternative name for this service.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'MyCity Counselling Services',
          },
          {
            name: 'description',
            type: 'string',
            title: 'Description',
            description: 'A free text description of the service.',
            constraints: {
              required: false,
              unique: false,
            },
            example:
              'Counselling Services provided by trained professionals. Suitable for people with mental health conditions such as anxiety, depression, or eating disorders as well as people experiencing difficult life events and circumstances. ',
            core: 'Y',
          },
          {
            name: 'url',
            type: 'string',
            title: 'URL',
            description: 'URL of the service',
            format: 'uri',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'http://example.com/counselling',
            core: 'Y',
          },
          {
            name: 'email',
            type: 'string',
            title: 'Email',
            description: 'An email address which can be used to contact the service provider.',
            format: 'email',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'email@example.com',
            core: 'Y',
          },
          {
            name: 'status',
            type: 'string',
            title: 'Status',
            description: 'The current status of the service which can be active, inactive, defunct, or temporarily closed.',
            constraints: {
              required: true,
              unique: false,
              enum: ['active', 'inactive', 'defunct', 'temporarily closed'],
            },
            example: 'active',
            core: 'Y',
          },
          {
            name: 'interpretation_services',
            type: 'string',
            title: 'Interpretation Services',
            description: 'A free text description of any interpretation services available for accessing this service.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'Interpretation services are available in Urdu, Polish, and Slovak',
          },
          {
            name: 'application_process',
            type: 'string',
            title: 'Application Process',
            description: 'A free text description of the steps needed to access this service.',
            constraints: {
              required: false,
              unique: false,
            },
            example:
              'If you are an NHS patient please ask your GP for a referral letter, we will then be in touch with you directly. If you are not an NHS patient you should ring our reception to arrange an appointment',
          },
          {
            name: 'fees_description',
            type: 'string',
            title: 'Fees Description',
            description: 'A free text description of any charges for service users to access this service.',
            constraints: {
              required: false,
              unique: false,
            },
            example:
              'Non-NHS patients are expected to pay for their counselling sessions. We charge a flat rate per hour of counselling. The current rate is £50 per hour. Please see our website for up to date prices.',
          },
          {
            name: 'wait_time',
            type: 'string',
            title: 'Wait Time',
            description: 'DEPRECATED: The time a client may expect to wait before receiving a service.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'wait_time',
          },
          {
            name: 'fees',
            type: 'string',
            title: 'Fees',
            description: 'DEPRECATED: Details of any charges for service users to access this service.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'fees_description',
          },
          {
            name: 'accreditations',
            type: 'string',
            title: 'Accreditations',
            description:
              'A free text description of any accreditations. Accreditation is the formal evaluation of an organization or program against best practice standards set by an accrediting organization.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'All of our practitioners are accredited by the BASC, UKCP, and the Professional Standards Body',
          },
          {
            name: 'eligibility_description',
            type: 'string',
            title: 'Eligibility Description',
            description: 'A free text description of the type of person for whom this service is intended.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'This service is intended for all people aged 12 and over who require counselling services in the MyCity area',
            core: 'Y',
          },
          {
            name: 'minimum_age',
            type: 'number',
            title: 'Minimum Age',
            description: 'The minimum age of a person required to meet this eligibility requirement.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '12',
          },
          {
            name: 'maximum_age',
            type: 'number',
            title: 'Maximum Age',
            description: 'The maximum age of a person required to meet this eligibility requirement.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '100',
          },
          {
            name: 'assured_date',
            type: 'date',
            title: 'Assured Date',
            description: 'The date that the information about the service was last checked.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '2005-01-01',
          },
          {
            name: 'assurer_email',
            type: 'string',
            title: 'Assurer Email',
            description: 'The contact e-mail address for the person or organization which last assured the service.',
            format: 'email',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'email@example.com',
          },
          {
            name: 'licenses',
            type: 'string',
            title: 'Licenses',
            description:
              'DEPRECATED: An organization may have a license issued by a government entity to operate legally. A list of any such licenses can be provided here.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'licences',
          },
          {
            name: 'alert',
            type: 'string',
            title: 'Alert',
            description: 'A description of any short term alerts concerning the service.',
            constraints: {
              required: false,
              unique: false,
            },
            example:
              'Following COVID-19 we have moved most of our counselling sessions online. Please contact the reception if you require further information.',
          },
          {
            name: 'last_modified',
            type: 'datetime',
            title: 'Last Modified',
            description:
              'The datetime when the service, or any related information about the service, has changed. Should have millisecond accuracy.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '2023-03-15T10:30:45.123Z',
          },
        ],
        foreignKeys: [
          {
            fields: 'organization_id',
            reference: {
              resource: 'organization',
              fields: 'id',
            },
          },
          {
            fields: 'program_id',
            reference: {
              resource: 'program',
              fields: 'id',
            },
          },
        ],
      },
    },
    {
      name: 'attribute',
      path: 'attributes.csv',
      description: 'A link between a service and one or more classifications that describe the nature of the service provided.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier of the attribute entry. Each attribute entry should have a unique identifier.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: 'ae58cc39-8b70-4ab1-8aea-786882e5ac8e',
            core: 'Y',
          },
          {
            name: 'link_id',
            type: 'string',
            title: 'Link Identifier',
            description: 'The identifier of the entity to which this taxonomy term applies.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'f28dd44b-0c4d-479f-8e90-4c52219a8b3c',
            core: 'Y',
          },
          {
            name: 'taxonomy_term_id',
            type: 'string',
            title: 'Taxonomy Term Identifier',
            description: 'The identifier of this taxonomy term from the taxonomy table.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: false,
            },
            example: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
            core: 'Y',
          },
          {
            name: 'link_type',
            type: 'string',
            title: 'Link Type',
            description:
              'A code taken from an enumerated open codelist to indicate what the taxonomy term describes, e.g. the service eligibility or intended audience.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'link_type',
            core: 'Y',
          },
          {
            name: 'link_entity',
            type: 'string',
            title: 'Link Entity',
            description: 'The table of the Link Identifier.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'link_entity',
            core: 'Y',
          },
          {
            name: 'value',
            type: 'string',
            title: 'Value',
            description: 'The value (if any) of an attribute.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'value',
            core: 'Y',
          },
          {
            name: 'label',
            type: 'string',
            title: 'Label',
            description: 'A free text label of the attribute.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'An Example Label',
          },
        ],
        foreignKeys: [
          {
            fields: 'taxonomy_term_id',
            reference: {
              resource: 'taxonomy_term',
              fields: 'id',
            },
          },
        ],
      },
    },
    {
      name: 'service_at_location',
      path: 'service_at_location.csv',
      description: 'A link between a service and a specific location.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier of the service at location entry. Each entry must have a unique identifier.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: 'e94c9f38-1e8f-4564-91d4-d53501ab1765',
            core: 'Y',
          },
          {
            name: 'service_id',
            type: 'string',
            title: 'Service Identifier',
            description: 'The identifier of the service at a given location.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'ac148810-d857-441c-9679-408f346de14b',
            core: 'Y',
          },
          {
            name: 'location_id',
            type: 'string',
            title: 'Location Identifier',
            description: 'The identifier of the location where this service operates.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: false,
            },
            example: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
            core: 'Y',
          },
          {
            name: 'description',
            type: 'string',
            title: 'Description',
            description: 'A free text description of the service at this specific location.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'Counselling Services provided by trained professionals in the MyCity area.',
          },
        ],
        foreignKeys: [
          {
            fields: 'service_id',
            reference: {
              resource: 'service',
              fields: 'id',
            },
          },
          {
            fields: 'location_id',
            reference: {
              resource: 'location',
              fields: 'id',
            },
          },
        ],
      },
    },
    {
      name: 'location',
      path: 'locations.csv',
      description: 'The locations where organizations operate. Locations may be virtual, and one organization may have many locations.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier of the location. Each location must have a unique identifier.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
            core: 'Y',
          },
          {
            name: 'location_type',
            type: 'string',
            title: 'Location Type',
            description: 'The type of location, which may be either `physical`, `postal`, or `virtual`.',
            constraints: {
              required: true,
              unique: false,
              enum: ['physical', 'postal', 'virtual'],
            },
            example: 'physical',
            core: 'Y',
          },
          {
            name: 'url',
            type: 'string',
            title: 'URL',
            description: 'If location_type is virtual, then this field represents the URL of a virtual location.',
            format: 'uri',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'http://example.com',
            core: 'Y',
          },
          {
            name: 'organization_id',
            type: 'string',
            title: 'Organization Identifier',
            description:
              'The organization identifier for a location. This is the organization that is responsible for maintaining information about this location. The identifier of the organization should be given here. Details of the services the organization delivers at this location should be provided in the services_at_location table.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: '985e4a42-bd9f-4edc-911d-0243a4640aca',
          },
          {
            name: 'name',
            type: 'string',
            title: 'Name',
            description: 'The name of the location.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'MyCity Civic Center',
            core: 'Y',
          },
          {
            name: 'alternate_name',
            type: 'string',
            title: 'Alternate Name',
            description: 'An (optional) alternative name of the location.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'Civic Center',
          },
          {
            name: 'description',
            type: 'string',
            title: 'Description',
            description: 'A free text description of the location.',
            constraints: {
              required: false,
              unique: false,
            },
            example:
              'MyCity Civic Center is located on Main Street and contains facilities for a number of civic and community services available.',
            core: 'Y',
          },
          {
            name: 'transportation',
            type: 'string',
            title: 'Transportation',
            description: 'A free text description of the access to public or private transportation to and from the location.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'MyCity Civic Center is serviced by the number 1 Bus and is a short walk from the Main Street Metro Station',
          },
          {
            name: 'latitude',
            type: 'number',
            title: 'Latitude',
            description: 'The latitude of the location expressed in decimal degrees in WGS84 datum.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '100',
            core: 'Y',
          },
          {
            name: 'longitude',
            type: 'number',
            title: 'Longitude',
            description: 'The longitude of the location expressed in decimal degrees in WGS84 datum.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '101',
            core: 'Y',
          },
          {
            name: 'external_identifier',
            type: 'string',
            title: 'External Identifier',
            description: 'A third party identifier for the location, which can be drawn from other services e.g. UK UPRN.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '10092008082',
          },
          {
            name: 'external_identifier_type',
            type: 'string',
            title: 'External Identifier Type',
            description: "The scheme used for the location's external_identifier e.g. UK UPRN.",
            constraints: {
              required: false,
              unique: false,
            },
            example: 'UPRN',
          },
        ],
        foreignKeys: [
          {
            fields: 'organization_id',
            reference: {
              resource: 'organization',
              fields: 'id',
            },
          },
        ],
      },
    },
    {
      name: 'phone',
      path: 'phones.csv',
      description: 'The details of the telephone numbers used to contact organizations, services, and locations.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier for the phone number. Each entry must have a unique identifier.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: '1554f2e2-a373-45db-a3fa-9fc48a61c15e',
            core: 'Y',
          },
          {
            name: 'location_id',
            type: 'string',
            title: 'Location Identifier',
            description: 'The identifier of the location where this phone number is located.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
          },
          {
            name: 'service_id',
            type: 'string',
            title: 'Service Identifier',
            description: 'The identifier of the service for which this is the phone number.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'ac148810-d857-441c-9679-408f346de14b',
          },
          {
            name: 'organization_id',
            type: 'string',
            title: 'Organization Identifier',
            description: 'The identifier of the organization for which this is the phone number.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
          },
          {
            name: 'contact_id',
            type: 'string',
            title: 'Contact Identifier',
            description: 'The identifier of the contact for which this is the phone number.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: '1e7efce3-639b-4880-940c-b95cd30cdb50',
            core: 'Y',
          },
          {
            name: 'service_at_location_id',
            type: 'string',
            title: 'Service At Location Identifier',
            description:
              'The identifier of the ‘service at location’ table entry, when this phone number is specific to a service in a particular location.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'e94c9f38-1e8f-4564-91d4-d53501ab1765',
          },
          {
            name: 'number',
            type: 'string',
            title: 'Number',
            description: 'The phone number.',
            constraints: {
              required: true,
              unique: false,
            },
            example: '"+44 1234 234567"',
            core: 'Y',
          },
          {
            name: 'extension',
            type: 'number',
            title: 'Extension',
            description: 'The extension of the phone number.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '100',
          },
          {
            name: 'type',
            type: 'string',
            title: 'Type',
            description:
              'Indicates the type of phone service, drawing from the RFC6350 list of types (text (for SMS), voice, fax, cell, video, pager, textphone).',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'voice',
          },
          {
            name: 'description',
            type: 'string',
            title: 'Description',
            description: 'A free text description providing extra information about the phone service',
            constraints: {
              required: false,
              unique: false,
            },
            example:
              'Our main reception phone number. The phones will be available from 0800 (8am) until 1800 (6pm) local time. There may be some slight delays in answering your call if we are busy.',
          },
        ],
        foreignKeys: [
          {
            fields: 'contact_id',
            reference: {
              resource: 'contact',
              fields: 'id',
            },
          },
          {
            fields: 'location_id',
            reference: {
              resource: 'location',
              fields: 'id',
            },
          },
          {
            fields: 'organization_id',
            reference: {
              resource: 'organization',
              fields: 'id',
            },
          },
          {
            fields: 'service_id',
            reference: {
              resource: 'service',
              fields: 'id',
            },
          },
          {
            fields: 'service_at_location_id',
            reference: {
              resource: 'service_at_location',
              fields: 'id',
            },
          },
        ],
      },
    },
    {
      name: 'contact',
      path: 'contacts.csv',
      description: 'The details of the named contacts for services and organizations.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier for the contact. Each contact must have a unique identifier.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: '1e7efce3-639b-4880-940c-b95cd30cdb50',
            core: 'Y',
          },
          {
            name: 'organization_id',
            type: 'string',
            title: 'Organization Identifier',
            description: 'The identifier of the organization for which this is a contact.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'ae67a707-5893-4225-b0b1-320ab9cb596b',
          },
          {
            name: 'service_id',
            type: 'string',
            title: 'Service Identifier',
            description: 'The identifier of the service for which this is a contact.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'ac148810-d857-441c-9679-408f346de14b',
            core: 'Y',
          },
          {
            name: 'service_at_location_id',
            type: 'string',
            title: 'Service At Location Identifier',
            format: 'uuid',
            description:
              'The identifier of the ‘service at location’ entry, when this contact is specific to a service in a particular location.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '93eaf18d-1cd2-4ec7-bffb-3c9172ee5070',
          },
          {
            name: 'location_id',
            type: 'string',
            title: 'Location Identifier',
            format: 'uuid',
            description: 'The identifier for the location of the contact.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
          },
          {
            name: 'name',
            type: 'string',
            title: 'Name',
            description: 'The name of the contact.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'Ann Persona',
            core: 'Y',
          },
          {
            name: 'title',
            type: 'string',
            title: 'Title',
            description: 'The job title of the contact.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'Reception Manager',
            core: 'Y',
          },
          {
            name: 'department',
            type: 'string',
            title: 'Department',
            description: 'The department that the contact is a part of.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'Reception',
          },
          {
            name: 'email',
            type: 'string',
            title: 'Email',
            description: 'The email address of the contact.',
            format: 'email',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'email@example.com',
          },
        ],
        foreignKeys: [
          {
            fields: 'location_id',
            reference: {
              resource: 'location',
              fields: 'id',
            },
          },
          {
            fields: 'organization_id',
            reference: {
              resource: 'organization',
              fields: 'id',
            },
          },
          {
            fields: 'service_id',
            reference: {
              resource: 'service',
              fields: 'id',
            },
          },
          {
            fields: 'service_at_location_id',
            reference: {
              resource: 'service_at_location',
              fields: 'id',
            },
          },
        ],
      },
    },
    {
      name: 'address',
      path: 'addresses.csv',
      description: 'The addresses of locations where organizations operate.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier of the postal address. Each postal address must have a unique identifier.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: '74706e55-df26-4b84-80fe-ecc30b5befb4',
            core: 'Y',
          },
          {
            name: 'location_id',
            type: 'string',
            title: 'Location Identifier',
            description: 'The identifier of the location for this postal address.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
            core: 'Y',
          },
          {
            name: 'attention',
            type: 'string',
            title: 'Attention',
            description:
              'The name of the person or entity whose attention should be sought at the location. These are often included as a "care of" component of an address.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'A. Persona',
            core: 'Y',
          },
          {
            name: 'address_1',
            type: 'string',
            title: 'Address line 1',
            description: 'The first line(s) of the address, including office, building number and street.',
            constraints: {
              required: true,
              unique: false,
            },
            example: '1-30 Main Street',
            core: 'Y',
          },
          {
            name: 'address_2',
            type: 'string',
            title: 'Address line 2',
            description: 'A second (additional) line of address information.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'MyVillage',
          },
          {
            name: 'city',
            type: 'string',
            title: 'City',
            description: 'The city in which the address is located.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'MyCity',
            core: 'Y',
          },
          {
            name: 'region',
            type: 'string',
            title: 'Region',
            description: 'The region in which the address is located (optional).',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'MyRegion',
            core: 'Y',
          },
          {
            name: 'state_province',
            type: 'string',
            title: 'State Or Province',
            description: 'The state or province in which the address is located.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'MyState',
            core: 'Y',
          },
          {
            name: 'postal_code',
            type: 'string',
            title: 'Postal Code',
            description: 'The postal code for the address.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'ABC 1234',
            core: 'Y',
          },
          {
            name: 'country',
            type: 'string',
            title: 'Country',
            description:
              'The country in which the address is located. This should be given as an ISO 3361-1 country code (two letter abbreviation).',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'US',
            core: 'Y',
          },
          {
            name: 'address_type',
            type: 'string',
            title: 'Address Type',
            description: 'The type of address which may be `physical`, `postal`, or `virtual`.',
            constraints: {
              required: true,
              unique: false,
              enum: ['physical', 'postal', 'virtual'],
            },
            example: 'postal',
            core: 'Y',
          },
        ],
        foreignKeys: [
          {
            fields: 'location_id',
            reference: {
              resource: 'location',
              fields: 'id',
            },
          },
        ],
      },
    },
    {
      name: 'schedule',
      path: 'schedules.csv',
      description: 'The details of when a service or location is open. Entries are RFC 5545 RRULES.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier for the schedule. Each entry must have a unique identifier.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: '48102e86-bb50-41c4-8f1e-e269368c41d1',
            core: 'Y',
          },
          {
            name: 'service_id',
            type: 'string',
            title: 'Service Identifier',
            description: 'The identifier of the service for which this is the regular schedule',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'ac148810-d857-441c-9679-408f346de14b',
            core: 'Y',
          },
          {
            name: 'location_id',
            type: 'string',
            title: 'Location Identifier',
            description: 'The identifier of the location for which this is the regular schedule',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
          },
          {
            name: 'service_at_location_id',
            type: 'string',
            title: 'Service At Location Identifier',
            description:
              'The identifier of the ‘service at location’ table entry, when this schedule is specific to a service in a particular location.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'e94c9f38-1e8f-4564-91d4-d53501ab1765',
            core: 'Y',
          },
          {
            name: 'valid_from',
            type: 'date',
            title: 'Valid From',
            description: 'The date from which the schedule information is valid. It must be in the ISO 8601 format of YYYY-MM-DD,',
            constraints: {
              required: false,
              unique: false,
            },
            example: '2005-01-01',
            core: 'Y',
          },
          {
            name: 'valid_to',
            type: 'date',
            title: 'Valid To',
            description: 'The last date on which the schedule information is valid. It must be in the ISO 8601 format of YYYY-MM-DD.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '2005-01-01',
            core: 'Y',
          },
          {
            name: 'dtstart',
            type: 'date',
            title: 'Date Start',
            description:
              'iCal - The date of the first event is the schedule. Necessary when using the ‘interval’ feature, optional otherwise.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '2005-01-01',
            core: 'Y',
          },
          {
            name: 'timezone',
            type: 'number',
            title: 'Timezone',
            description: 'The timezone that all dates are expressed as, expressed as a UTC offset. Dates are assumed to be UTC otherwise.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '3',
          },
          {
            name: 'until',
            type: 'date',
            title: 'Until',
            description: 'iCal - The date of the last occurrence of the recurring event.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '2005-01-01',
          },
          {
            name: 'count',
            type: 'number',
            title: 'Count',
            description: 'iCal - The number of times that the event occurs. Use this instead of ‘until’, if appropriate.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '3',
          },
          {
            name: 'wkst',
            type: 'string',
            title: 'Week Start',
            description: 'iCal - The two-letter code for the day on which the week starts: `MO`, `TU`, `WE`, `TH`, `FR`, `FR`, `SA`, `SU`',
            constraints: {
              required: false,
              unique: false,
              enum: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
            },
            example: 'TU',
          },
          {
            name: 'freq',
            type: 'string',
            title: 'Frequency',
            description: 'iCal - How often the frequency repeats. Values can be `WEEKLY` or `MONTHLY`',
            constraints: {
              required: false,
              unique: false,
              enum: ['WEEKLY', 'MONTHLY'],
            },
            example: 'WEEKLY',
            core: 'Y',
          },
          {
            name: 'interval',
            type: 'number',
            title: 'Interval',
            description:
              'iCal - How often the frequency repeats. For example, and Interval of 2 for a WEEKLY Frequency would represent fortnightly.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '1',
            core: 'Y',
          },
          {
            name: 'byday',
            type: 'string',
            title: 'By Day',
            description:
              'iCal - Comma separated days of the week. Where freq is MONTHLY each part can be preceded by a positive or negative integer to represent which occurrence in a month; e.g. 2MO is the second Monday in a month. -1FR is the last Friday',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'TH,FR',
            core: 'Y',
          },
          {
            name: 'byweekno',
            type: 'string',
            title: 'By Week Number',
            description:
              'iCal - Comma separated numeric weeks of the year, where freq is WEEKLY. Can be negative to represent weeks before the end of the year; e.g. -5 is the 5th to last week in a year.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '41,42',
          },
          {
            name: 'bymonthday',
            type: 'string',
            title: 'By Month Day',
            description:
              'iCal - Comma separated numeric days of the month, where frequency is MONTHLY. Can be negative to represent days before the end of the month; e.g. -5 is the 5th to last day in a month.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '2,3,4',
            core: 'Y',
          },
          {
            name: 'byyearday',
            type: 'string',
            title: 'By Year Day',
            description:
              'iCal - Comma separated numeric days of the month, where frequency is YEARLY. Can be negative to represent days before the end of the year; e.g. -1 is the last day in a year.',
            constraints: {
              required: false,
              unique: false,
            },
            example: '2,3,4',
          },
          {
            name: 'description',
            type: 'string',
            title: 'Description',
            description: 'A free text description of the availability of the service.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'The service is available from 10 am to 6pm weekdays. The service is not available on public holidays.',
            core: 'Y',
          },
          {
            name: 'opens_at',
            type: 'time',
            title: 'Opens At',
            description:
              'The time when a service or location opens. This should use HH:MM format and should include timezone information, either adding the suffix ‘Z’ when the date is in UTC, or including an offset from UTC (e.g. 09:00-05:00 for 9am EST.)',
            constraints: {
              required: false,
              unique: false,
            },
            example: '10:00:00',
            core: 'Y',
          },
          {
            name: 'closes_at',
            type: 'time',
            title: 'Closes At',
            description:
              'The time when a service or location closes. This should use HH:MM format and should include timezone information, either adding the suffix ‘Z’ when the date is in UTC, or including an offset from UTC (e.g. 09:00-05:00 for 9am EST.).',
            constraints: {
              required: false,
              unique: false,
            },
            example: '18:00:00',
            core: 'Y',
          },
          {
            name: 'schedule_link',
            type: 'string',
            title: 'Schedule Link',
            description: 'URL of a link for the schedule which may show each individual session and may provide a booking facility.',
            format: 'uri',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'http://example.com',
          },
          {
            name: 'attending_type',
            type: 'string',
            title: 'Attending Type',
            description: 'A free text description of how to attend this service.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'You can attend this service in-person or remotely via video conferencing',
          },
          {
            name: 'notes',
            type: 'string',
            title: 'Notes',
            description: 'Free text notes on the schedule.',
            constraints: {
              required: false,
              unique: false,
            },
            example:
              'Some of our staff will be unavailable during their lunch break which may be any 30 minute period between 1200 and 1400',
          },
        ],
        foreignKeys: [
          {
            fields: 'location_id',
            reference: {
              resource: 'location',
              fields: 'id',
            },
          },
          {
            fields: 'service_id',
            reference: {
              resource: 'service',
              fields: 'id',
            },
          },
          {
            fields: 'service_at_location_id',
            reference: {
              resource: 'service_at_location',
              fields: 'id',
            },
          },
        ],
      },
    },
    {
      name: 'taxonomy_term',
      path: 'taxonomy_terms.csv',
      description:
        'Each service can be categorized according to one or more taxonomy terms. The taxonomy_term object contains a list of taxonomy terms, their names, and, for hierarchical taxonomies, their structure.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description:
              'The identifier for this taxonomy term. Each taxonomy term must have a unique identifier, within the scope of the dataset.',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
            core: 'Y',
          },
          {
            name: 'code',
            type: 'string',
            title: 'Code',
            description: 'The term identfier as used in the taxonomy. This and the taxonomy_id combined define the term.',
            constraints: {
              required: false,
              unique: true,
            },
            example: 'code',
          },
          {
            name: 'name',
            type: 'string',
            title: 'Name',
            description: 'The taxonomy term itself.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'name',
            core: 'Y',
          },
          {
            name: 'description',
            type: 'string',
            title: 'Description',
            description: 'A free text description of the term.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'description',
          },
          {
            name: 'parent_id',
            type: 'string',
            title: 'Parent Identifier',
            description:
              'If this is a child term in a hierarchical taxonomy, give the identifier of the parent category. For top-level categories, this is not required.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: '0bc248fa-dc27-4650-9ba4-8f1a24ef16a2',
            core: 'Y',
          },
          {
            name: 'taxonomy',
            type: 'string',
            title: 'Taxonomy',
            description:
              'If this is an established taxonomy, a free text description of which taxonomy is in use. If possible, provide a URI.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'taxonomy',
            core: 'Y',
          },
          {
            name: 'language',
            type: 'string',
            title: 'Language',
            description:
              'An ISO 639-1, ISO 639-2, or ISO 639-3 [language code](http://www.loc.gov/standards/iso639-2/php/code_list.php) to represent the language of the term. The three-letter codes from ISO 639-2 and ISO 639-3 provide greater accuracy when describing variants of languages, which may be relevant to particular communities.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'eng',
          },
          {
            name: 'taxonomy_id',
            type: 'string',
            title: 'Taxonomy Identifier',
            description: 'The identifier of the taxonomy containing the term.',
            format: 'uuid',
            constraints: {
              required: false,
              unique: false,
            },
            example: '07ff6aee-a219-438c-b694-d2fcb6c5373b',
          },
          {
            name: 'term_uri',
            type: 'string',
            title: 'Term URI',
            description: 'URI of the term.',
            format: 'uri',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'http://example.com',
          },
        ],
        foreignKeys: [
          {
            fields: 'taxonomy_id',
            reference: {
              resource: 'taxonomy',
              fields: 'id',
            },
          },
        ],
      },
    },
    {
      name: 'taxonomy',
      path: 'taxonomies.csv',
      description: 'The taxonomies from which taxonomy terms are taken.',
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: [
          {
            name: 'id',
            type: 'string',
            title: 'Identifier',
            description: 'The identifier of the taxonomy. Each entry must have a unique identifier',
            format: 'uuid',
            constraints: {
              required: true,
              unique: true,
            },
            example: '5c4d79d7-cc55-470e-9f1f-8cad074e4892',
          },
          {
            name: 'name',
            type: 'string',
            title: 'Name',
            description: 'The name of the taxonomy from which terms are sourced.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'name',
          },
          {
            name: 'description',
            type: 'string',
            title: 'Description',
            description: 'A free text description of the taxonomy.',
            constraints: {
              required: true,
              unique: false,
            },
            example: 'description',
          },
          {
            name: 'uri',
            type: 'string',
            title: 'URI',
            description: 'The URI of the taxonomy.',
            format: 'uri',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'http://example.com',
          },
          {
            name: 'version',
            type: 'string',
            title: 'Version',
            description: 'The version of the taxonomy.',
            constraints: {
              required: false,
              unique: false,
            },
            example: 'version',
          },
        ],
      },
    },
  ],
};
